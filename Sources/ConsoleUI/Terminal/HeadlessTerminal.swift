import Foundation

/// The terminal of a headless console (`ConsoleRunner.runHeadless`): no key is ever pressed,
/// a read waits its timeout as a real terminal with no keys does, and frames are counted, not
/// shown. Keeps no screens.
///
/// Not `BenchTerminal` (scripted keys, returns at once) nor the tests' `TestTerminal`.
/// Not thread-safe: the console's UI thread owns it.
final class HeadlessTerminal: Terminal {
    let size: Size
    /// Frames drawn so far.
    private(set) var frames = 0

    init(size: Size) {
        self.size = size
    }

    func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        if timeoutMilliseconds > 0 { usleep(useconds_t(timeoutMilliseconds) * 1_000) }
        return nil
    }

    func draw(_ screen: Screen) {
        frames += 1
    }

    func shutdown() {}
}
