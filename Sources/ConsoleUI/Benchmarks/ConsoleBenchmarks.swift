import Core
import Foundation
import Store
import Synchronization

/// Measurements of the console for `bank-bench console`, kept in ConsoleUI because they drive
/// internal types (`State`, `Msg`, `render`, `ConsoleLoop`) directly; `package`, so only
/// `bank-bench` reaches them.
///
/// Not used by the console itself. Timings come from `ContinuousClock`; nothing here asserts.
package enum ConsoleBenchmarks {
    /// Renders the payment-flow pane of a `width`×`height` console with `events` folded in,
    /// `iterations` times; returns each frame's time in microseconds.
    package static func renderFrames(events: [RecordedEvent], width: Int = 200, height: Int = 60, iterations: Int = 300) -> [Double] {
        var state = State(size: Size(width: width, height: height), glyphs: .unicode, now: events.last?.created ?? Date(timeIntervalSince1970: 0))
        state.simulator = SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: 5_000, mix: "valid")
        _ = state.apply(.eventsArrived(events, head: UInt64(events.count)))
        let clock = ContinuousClock()
        var samples: [Double] = []
        var checksum = 0
        for _ in 0..<iterations {
            let start = clock.now
            let screen = render(state)
            samples.append(microseconds(clock.now - start))
            checksum &+= Int(screen[width / 2, height / 2].scalar.value)
        }
        // Keep the renders from being optimised away.
        if checksum == -1 { print(checksum) }
        return samples
    }

    /// What `keyToFrame` measured.
    package struct KeyToFrame: Sendable {
        /// Milliseconds from a key being read to its frame being drawn, one per key.
        package var latencies: [Double]
        /// Events the UI folded in while it ran, per second.
        package var eventsPerSecond: Double
        /// Payments that reached an end state per second, as the UI saw them.
        package var paymentsPerSecond: Double
    }

    /// Runs the console headless (a `BenchTerminal`) against `bank` for `seconds` while the bank
    /// works, pressing a key every `keyInterval`; measures key read → frame drawn. The load is
    /// whatever the in-process bank manages to settle.
    package static func keyToFrame(bank: Bank, seconds: Double, keyInterval: Duration = .milliseconds(20)) async -> KeyToFrame {
        let inbox = Inbox()
        let feed = Task.detached { await LiveFeed.run(store: bank.store, after: nil, inbox: inbox) }
        let projections = Projections(store: bank.store, clock: SystemClock())
        let services = BankServices.make(bank, projections: projections, operator: "bench")
        let result = await onUIThread { runHeadless(services: services, inbox: inbox, seconds: seconds, keyInterval: keyInterval) }
        feed.cancel()
        inbox.releaseWaiting()
        return result
    }

    /// Runs `body` on a thread of its own (the UI loop blocks), like the console does.
    static func onUIThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "bench UI"
            thread.start()
        }
    }

    /// The headless loop: a key every `keyInterval` (alternating j and k on the flow pane),
    /// everything the inbox receives folded in, for `seconds`.
    static func runHeadless(services: ConsoleServices, inbox: Inbox, seconds: Double, keyInterval: Duration) -> KeyToFrame {
        let terminal = BenchTerminal(size: Size(width: 200, height: 60))
        let runner = EffectRunner(services: services, inbox: inbox)
        let loop = ConsoleLoop(terminal: terminal, state: State(size: terminal.size, glyphs: .unicode, now: Date()),
                               inbox: inbox, clock: { Date() }, perform: runner.run)
        let clock = ContinuousClock()
        // When the key being waited for was pressed (it becomes readable then, even while the
        // loop is busy folding events), and whether the loop has read it yet.
        var pressedAt: ContinuousClock.Instant?
        var latencies: [Double] = []
        terminal.onDraw = { _ in
            if let start = pressedAt, terminal.scheduledInput.isEmpty {
                latencies.append(microseconds(clock.now - start) / 1_000)
                pressedAt = nil
            }
        }
        let start = clock.now, end = start + .milliseconds(Int(seconds * 1_000))
        var nextKey = start
        var down = true
        var eventsBefore: UInt64?
        var finishedBefore = 0
        while clock.now < end {
            if pressedAt == nil {
                // The next key, due `keyInterval` after the last one (now if that has passed).
                // Alternate j and k so every key changes the screen (and so draws a frame).
                let due = max(nextKey, clock.now)
                terminal.scheduledInput.append((due, .key(.char(down ? "j" : "k"))))
                down.toggle()
                pressedAt = due
                nextKey = due + keyInterval
            }
            _ = loop.step(timeoutMilliseconds: 0)
            if eventsBefore == nil, loop.state.bank.live.eventCount > 0 {
                eventsBefore = UInt64(loop.state.bank.live.eventCount)
                finishedBefore = finishedCount(loop.state)
            }
            // Like the real loop: wait for input only when nothing is waiting to be shown
            // (ncurses would wake at once for a key; this naps 1 ms at most).
            if inbox.pendingEvents == 0 { Thread.sleep(forTimeInterval: 0.001) }
        }
        let elapsed = Double((clock.now - start).components.seconds) + Double((clock.now - start).components.attoseconds) / 1e18
        let events = Double(UInt64(loop.state.bank.live.eventCount) - (eventsBefore ?? 0))
        let finished = Double(finishedCount(loop.state) - finishedBefore)
        return KeyToFrame(latencies: latencies, eventsPerSecond: events / elapsed, paymentsPerSecond: finished / elapsed)
    }

    static func finishedCount(_ state: State) -> Int {
        let flow = state.bank.live.payments
        return [PaymentState.settled, .returned, .failed, .accepted, .rejected].reduce(0) { $0 + flow.count(of: $1) }
    }

    static func microseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    }
}
