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
}
