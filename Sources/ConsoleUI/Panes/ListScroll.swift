/// The scrolling every list pane with a cursor shares: rows `top` onwards are shown,
/// `visible` at a time, and the cursor's row is always among them.
enum ListScroll {
    /// The cursor moved to `index`, kept within the `count` rows, and `top` moved just far
    /// enough that the cursor's row is shown.
    static func move(to index: Int, count: Int, visible: Int, top: Int) -> (cursor: Int, top: Int) {
        let cursor = max(0, min(index, count - 1))
        if cursor < top { return (cursor, cursor) }
        if cursor >= top + visible { return (cursor, cursor - visible + 1) }
        return (cursor, top)
    }

    /// The row a list's moving keys take the cursor to — a row down or up (↓ j, ↑ k), a page
    /// of `page` rows (PgDn, PgUp), the first or last of `count` (Home g, End G) — before
    /// `move` keeps it within the list; nil for any other key.
    static func target(of key: Key, cursor: Int, count: Int, page: Int) -> Int? {
        switch key {
        case .down, .char("j"): cursor + 1
        case .up, .char("k"): cursor - 1
        case .pageDown: cursor + page
        case .pageUp: cursor - page
        case .home, .char("g"): 0
        case .end, .char("G"): count - 1
        default: nil
        }
    }
}
