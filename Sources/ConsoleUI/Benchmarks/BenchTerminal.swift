/// The terminal `ConsoleBenchmarks` runs the console on: keys that become readable at a moment
/// of the continuous clock (pressed while the loop is busy), and a hook called on every frame
/// drawn, which is where key → frame is timed. Keeps no screens.
///
/// Not the tests' `TestTerminal` (ConsoleTestSupport), which scripts input and keeps what it drew.
/// Not thread-safe: the benchmark's UI thread owns it.
final class BenchTerminal: Terminal {
    let size: Size
    /// Input that becomes readable at a moment of the continuous clock, first first.
    var scheduledInput: [(due: ContinuousClock.Instant, input: TerminalInput)] = []
    /// Called whenever a screen is drawn.
    var onDraw: ((Screen) -> Void)?

    init(size: Size) {
        self.size = size
    }

    func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        guard let first = scheduledInput.first, first.due <= ContinuousClock.now else { return nil }
        scheduledInput.removeFirst()
        return first.input
    }

    func draw(_ screen: Screen) {
        onDraw?(screen)
    }

    func shutdown() {}
}
