import Foundation

/// The UI loop: reads input, drains the inbox, runs `update`, performs effects, draws.
///
/// Runs on the one thread that owns the terminal. `step` does one frame so tests and the
/// benchmark can drive it headless (`TestTerminal`, `BenchTerminal`).
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
    /// Events folded in between two looks at the input.
    var eventChunk = 200
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
    ///
    /// Input is handled and drawn first, before any event is folded in; events then arrive in
    /// chunks of `eventChunk`, and a key typed meanwhile is answered (and drawn) between two
    /// chunks, so a flood of events delays a key by at most one chunk.
    func step(timeoutMilliseconds: Int) -> Int32? {
        let input = readInput(timeoutMilliseconds: timeoutMilliseconds)
        if let code = dispatch(input + [.tick(clock())]) { return code }
        if !input.isEmpty { redraw() }
        var messages = maxMessagesPerFrame
        var events = 0
        while true {
            let drained = inbox.drain(maxMessages: messages, maxEvents: min(eventChunk, maxEventsPerFrame - events))
            if drained.isEmpty { break }
            messages = 0
            for case .eventsArrived(let batch, _) in drained { events += batch.count }
            if let code = dispatch(drained) { return code }
            if events >= maxEventsPerFrame { break }
            let typed = readInput(timeoutMilliseconds: 0)
            if !typed.isEmpty {
                if let code = dispatch(typed) { return code }
                redraw()
            }
        }
        redraw()
        return nil
    }

    /// What the terminal has ready (at most `maxInputPerFrame`), waiting up to the timeout for the first.
    private func readInput(timeoutMilliseconds: Int) -> [Msg] {
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
        return messages
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
