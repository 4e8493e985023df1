import Foundation

/// The UI loop: reads input, drains the inbox, runs `update`, performs effects, draws.
///
/// Runs on the one thread that owns the terminal. `step` does one frame so tests and the
/// benchmark can drive it headless with a `TestTerminal`.
final class ConsoleLoop<T: Terminal> {
    let terminal: T
    let inbox: Inbox
    let perform: (Effect, State) -> Void
    let clock: () -> Date
    private(set) var state: State
    private var lastScreen: Screen?
    /// Most messages handled per frame besides input; most events per frame.
    var maxMessagesPerFrame = 64
    var maxEventsPerFrame = 1_000
    /// Most input read per frame (keys typed ahead or pasted).
    var maxInputPerFrame = 64

    init(terminal: T, state: State, inbox: Inbox, clock: @escaping () -> Date, perform: @escaping (Effect, State) -> Void) {
        self.terminal = terminal
        self.state = state
        self.inbox = inbox
        self.clock = clock
        self.perform = perform
    }

    /// Applies messages and performs their effects; returns an exit code once one says quit.
    func dispatch(_ messages: [Msg]) -> Int32? {
        for msg in messages {
            let effects = state.apply(msg)
            for effect in effects {
                if case .quit(let code) = effect { return code }
                perform(effect, state)
            }
        }
        return nil
    }

    /// One frame: waits up to `timeoutMilliseconds` for input, then handles everything that
    /// is ready and draws. Returns an exit code when the console should close.
    func step(timeoutMilliseconds: Int) -> Int32? {
        var messages: [Msg] = []
        var input = terminal.readInput(timeoutMilliseconds: timeoutMilliseconds)
        while let current = input {
            switch current {
            case .key(let key): messages.append(.keyPressed(key))
            case .mouse(let event): messages.append(.mouse(event))
            case .resized(let size): messages.append(.resized(size))
            }
            input = messages.count < maxInputPerFrame ? terminal.readInput(timeoutMilliseconds: 0) : nil
        }
        messages.append(.tick(clock()))
        messages += inbox.drain(maxMessages: maxMessagesPerFrame, maxEvents: maxEventsPerFrame)
        if let code = dispatch(messages) { return code }
        redraw()
        return nil
    }

    /// Renders the state and draws it when it differs from what is on screen.
    func redraw() {
        let screen = render(state)
        if screen != lastScreen {
            terminal.draw(screen)
            lastScreen = screen
        }
    }
}
