import ConsoleUI

/// A terminal without a terminal, for tests: scripted input in, screens out.
///
/// Not thread-safe, like every `Terminal`: the test's loop owns it.
package final class TestTerminal: Terminal {
    package private(set) var size: Size
    /// Input still to deliver, first first.
    package var pendingInput: [TerminalInput] = []
    /// Every screen drawn, in order (only the last `keep` are kept).
    package private(set) var drawn: [Screen] = []
    package private(set) var drawCount = 0
    package private(set) var isShutDown = false
    /// Called whenever a screen is drawn (a test records what the loop showed with it).
    package var onDraw: ((Screen) -> Void)?
    package var keep = 4

    package init(size: Size) {
        self.size = size
    }

    package var lastScreen: Screen? { drawn.last }

    package func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        guard !pendingInput.isEmpty else { return nil }
        let input = pendingInput.removeFirst()
        if case .resized(let newSize) = input { size = newSize }
        return input
    }

    package func draw(_ screen: Screen) {
        drawCount += 1
        drawn.append(screen)
        if drawn.count > keep { drawn.removeFirst(drawn.count - keep) }
        onDraw?(screen)
    }

    package func shutdown() {
        isShutDown = true
    }
}
