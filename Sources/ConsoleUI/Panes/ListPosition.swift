/// Where a list pane is scrolled to, the scrolling every list pane with a cursor shares: rows
/// `top` onwards are shown, `visible` at a time, and the cursor's row is always among them.
/// A new value is the top of the list (a new filter starts there).
struct ListPosition: Hashable, Sendable {
    /// The row under the cursor, an index into the (filtered) rows.
    var cursor = 0
    /// The first row shown.
    var top = 0

    /// The cursor moved to `index`, kept within the `count` rows, and `top` moved just far
    /// enough that the cursor's row is shown.
    mutating func move(to index: Int, count: Int, visible: Int) {
        cursor = max(0, min(index, count - 1))
        if cursor < top {
            top = cursor
        } else if cursor >= top + visible {
            top = cursor - visible + 1
        }
    }

    /// The row a list's moving keys take the cursor to — a row down or up (↓ j, ↑ k), a page
    /// of `page` rows (PgDn, PgUp), the first or last of `count` (Home g, End G) — before
    /// `move` keeps it within the list; nil for any other key.
    func target(of key: Key, count: Int, page: Int) -> Int? {
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
