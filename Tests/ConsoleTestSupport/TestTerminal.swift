/// A terminal without a terminal: scripted input in, screens out. For tests and benchmarks.
final class TestTerminal: Terminal {
    private(set) var size: Size
    /// Input still to deliver, first first.
    var pendingInput: [TerminalInput] = []
    /// Input that becomes readable at a moment of the continuous clock, after `pendingInput`
    /// (a benchmark's keys "pressed" while the loop is busy).
    var scheduledInput: [(due: ContinuousClock.Instant, input: TerminalInput)] = []
    /// Every screen drawn, in order (only the last `keep` are kept).
    private(set) var drawn: [Screen] = []
    private(set) var drawCount = 0
    private(set) var isShutDown = false
    /// Called whenever a screen is drawn (benchmarks time key → frame with it).
    var onDraw: ((Screen) -> Void)?
    var keep = 4

    init(size: Size) {
        self.size = size
    }

    var lastScreen: Screen? { drawn.last }

    func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        if pendingInput.isEmpty, let first = scheduledInput.first, first.due <= ContinuousClock.now {
            scheduledInput.removeFirst()
            pendingInput.append(first.input)
        }
        guard !pendingInput.isEmpty else { return nil }
        let input = pendingInput.removeFirst()
        if case .resized(let newSize) = input { size = newSize }
        return input
    }

    func draw(_ screen: Screen) {
        drawCount += 1
        drawn.append(screen)
        if drawn.count > keep { drawn.removeFirst(drawn.count - keep) }
        onDraw?(screen)
    }

    func shutdown() {
        isShutDown = true
    }
}
