/// What a terminal gives the console's loop: keys, mouse actions and size changes.
package enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(Size)
}

/// A place to draw `Screen`s and read input from: the real ncurses terminal or a test double.
///
/// Not thread-safe: one thread owns a terminal for its whole life (ncurses is not thread-safe).
package protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Waits up to `timeoutMilliseconds` for input (0: only what is already there); nil when none came.
    func readInput(timeoutMilliseconds: Int) -> TerminalInput?
    /// Shows `screen`, repainting only the cells that differ from the last one drawn.
    func draw(_ screen: Screen)
    /// Restores the terminal to how it was found. Safe to call more than once.
    func shutdown()
}
