import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// Issue 17 items 5 and 6: a store whose writer stopped, or a simulator that stopped on an error,
/// is said on screen; while the writer is stopped nothing that would write starts, and reading
/// goes on.
@Suite struct StoppedWriterConsoleTests {
    static let failure = "No space left on device (ENOSPC)"
    static let refusal = "writer stopped: \(failure) — nothing can be written (reading still works)"

    /// The bank fixture as the console knows it once a health check said the writer stopped.
    static func stopped(pane: PaneID = .flow, width: Int = 80, events: [RecordedEvent] = PaneBankFixture.events) -> State {
        let state = PaneBankFixture.state(width: width, pane: pane, events: events)
        return update(state, .healthChecked(Health(writerFailure: failure, simulatorError: nil))).0
    }

    // MARK: - Polling

    @Test func theTickAsksAfterTheWriterAndTheSimulatorOnceASecond() {
        let state = PaneBankFixture.state()
        let start = state.now
        let (early, none) = update(state, .tick(start.addingTimeInterval(0.5)))
        #expect(!none.contains(.checkHealth))
        let (asked, effects) = update(early, .tick(start.addingTimeInterval(1)))
        #expect(effects.contains(.checkHealth))
        #expect(!update(asked, .tick(start.addingTimeInterval(1.5))).1.contains(.checkHealth))
        #expect(update(asked, .tick(start.addingTimeInterval(2))).1.contains(.checkHealth))
    }

    @Test func theRunnerAnswersAHealthCheckWithWhatTheStoreAndTheSimulatorSay() {
        let store = StoppedWriterStore(MemoryEventStore(), failure: Self.failure)
        let inbox = Inbox()
        let services = ConsoleServices(
            store: store,
            performAction: { action in CommandResult(action: action, succeeded: false, message: "not in this test") },
            controlSimulator: { _ in SimulatorStatus() },
            simulatorStatus: { SimulatorStatus(isRunning: false, lastError: "wrong expected version") },
            loadSubscriptions: { SubscriptionsSnapshot(groups: [], projections: [], unavailable: nil) },
            operatorName: "tester")
        EffectRunner(services: services, inbox: inbox).run(.checkHealth, PaneBankFixture.state())
        let messages = inbox.drain(maxMessages: 10, maxEvents: 10)
        guard messages.count == 1, case .healthChecked(let health) = messages[0] else {
            Issue.record("expected one health answer, got \(messages)")
            return
        }
        #expect(health == Health(writerFailure: Self.failure, simulatorError: "wrong expected version"))
    }

    @Test func aStoreThatCannotStopAlwaysReportsAHealthyWriter() {
        let store: any EventStore = MemoryEventStore()
        #expect(store.writerFailure == nil)
        let stopped: any EventStore = StoppedWriterStore(MemoryEventStore(), failure: Self.failure)
        #expect(stopped.writerFailure == Self.failure)
    }

    // MARK: - Refusing writes

    @Test func approvingAndRejectingAHeldPaymentAreRefusedWithTheReason() {
        for key in ["a", "r"] {
            let (state, effects) = update(Self.stopped(pane: .held, events: PaneBankFixture.eventsWithHolds), .keyPressed(.char(Character(key))))
            #expect(effects == [])
            #expect(state.overlay == nil)
            #expect(state.toasts.map(\.text) == [Self.refusal])
        }
    }

    @Test func blockingUnblockingAndClosingAnAccountAreRefusedWithTheReason() {
        for key in ["b", "x"] {
            let (state, effects) = update(Self.stopped(pane: .accounts), .keyPressed(.char(Character(key))))
            #expect(effects == [])
            #expect(state.overlay == nil)
            #expect(state.toasts.map(\.text) == [Self.refusal])
        }
        // A blocked account's unblock is refused the same way (the fixture's first is open: it
        // is refused for that first, which is no write either).
        let (unblock, none) = update(Self.stopped(pane: .accounts), .keyPressed(.char("u")))
        #expect(none == [])
        #expect(unblock.overlay == nil)
    }

    @Test func aNewPaymentIsRefusedFromTheKeyAndFromTheCommandLine() {
        let stopped = Self.stopped()
        let (form, none) = update(stopped, .keyPressed(.char("n")))
        #expect(none == [])
        #expect(form.overlay == nil)
        #expect(form.toasts.map(\.text) == [Self.refusal])
        let account = stopped.bank.live.accounts.every[0].id
        let (paid, effects) = run(stopped, [.keyPressed(.char(":"))] + keys("pay \(account.sortCode) \(account.accountNumber) 12.50") + [.keyPressed(.enter)])
        #expect(effects == [])
        #expect(paid.overlay == nil)
        #expect(paid.toasts.map(\.text) == [Self.refusal])
        // Without an amount `:pay` would open the form to finish: refused too.
        let (half, _) = run(stopped, [.keyPressed(.char(":"))] + keys("pay \(account.sortCode) \(account.accountNumber) x") + [.keyPressed(.enter)])
        #expect(half.overlay == nil)
    }

    @Test func releaseAndRejectOnTheCommandLineAreRefused() throws {
        let stopped = Self.stopped(events: PaneBankFixture.eventsWithHolds)
        let id = try #require(stopped.heldQueue.first).id.uuidString.lowercased()
        for verb in ["release", "reject"] {
            let (state, effects) = run(stopped, [.keyPressed(.char(":"))] + keys("\(verb) \(id) checked") + [.keyPressed(.enter)])
            #expect(effects == [])
            #expect(state.overlay == nil)
            #expect(state.toasts.map(\.text) == [Self.refusal])
        }
    }

    @Test func aDialogOpenWhenTheWriterStoppedIsRefusedWhenConfirmed() throws {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let (confirming, _) = run(state, keys("a") + keys("ok") + [.keyPressed(.enter)])
        guard case .confirm? = confirming.overlay else {
            Issue.record("no confirmation")
            return
        }
        let stopped = update(confirming, .healthChecked(Health(writerFailure: Self.failure))).0
        let (after, effects) = update(stopped, .keyPressed(.char("y")))
        #expect(effects == [])
        #expect(after.overlay == nil)
        #expect(after.toasts.map(\.text) == [Self.refusal])
        // Nothing is left counted as running: quitting does not ask.
        #expect(after.pendingActions == 0)
        #expect(update(after, .keyPressed(.char("q"))).1 == [.quit(code: 0)])
    }

    @Test func aFormOpenWhenTheWriterStoppedIsRefusedWhenSent() {
        let (open, _) = run(PaneBankFixture.state(), [.keyPressed(.char("n")), .keyPressed(.tab)] + keys("12.50")
                            + [.keyPressed(.tab)] + keys("Ann Smith"))
        let stopped = update(open, .healthChecked(Health(writerFailure: Self.failure))).0
        let (after, effects) = update(stopped, .keyPressed(.enter))
        #expect(effects == [])
        #expect(after.overlay == nil)
        #expect(after.toasts.map(\.text) == [Self.refusal])
    }

    @Test func replayingParkedAndResettingAProjectionAreRefused() {
        var state = Self.stopped(pane: .subscriptions)
        state.subscriptions.snapshot = PaneBankFixture.subscriptions
        state.subscriptions.groupCursor = 1
        let (replay, none) = update(state, .keyPressed(.char("R")))
        #expect(none == [])
        #expect(replay.overlay == nil)
        #expect(replay.toasts.map(\.text) == [Self.refusal])
        let (reset, _) = run(state, [.keyPressed(.right), .keyPressed(.char("X"))])
        #expect(reset.overlay == nil)
    }

    @Test func resumingTheSimulatorIsRefusedButPausingAndTheRateAreNot() {
        var state = Self.stopped()
        #expect(update(state, .keyPressed(.char("p"))).1 == [.controlSimulator(.pause)])
        #expect(update(state, .keyPressed(.char("+"))).1 == [.controlSimulator(.rate(500))])
        state.simulator.isPaused = true
        let (resumed, effects) = update(state, .keyPressed(.char("p")))
        #expect(effects == [])
        #expect(resumed.simulator.isPaused)
        #expect(resumed.simulatorRequests == 0)
        #expect(resumed.toasts.map(\.text) == [Self.refusal])
    }

    @Test func readingAndMovingAroundStillWork() throws {
        let stopped = Self.stopped(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(stopped.heldQueue.first)
        let (timeline, effects) = update(stopped, .keyPressed(.enter))
        #expect(effects == [.loadTimeline(paymentID: payment.id, positions: payment.positions)])
        #expect(timeline.toasts.isEmpty)
        #expect(update(stopped, .keyPressed(.char("4"))).1 == [.loadStreams])
        let (filtering, _) = update(stopped, .keyPressed(.char("/")))
        #expect(filtering.overlay != nil)
        #expect(filtering.toasts.isEmpty)
        let (accounts, _) = run(Self.stopped(pane: .accounts), [.keyPressed(.enter)])
        #expect(accounts.accounts.ledger != nil)
    }

    @Test func aWriterThatRecoversNoLongerRefuses() {
        let healthy = update(Self.stopped(), .healthChecked(Health())).0
        #expect(healthy.writerFailure == nil)
        guard case .form? = update(healthy, .keyPressed(.char("n"))).0.overlay else {
            Issue.record("the form did not open")
            return
        }
    }

    // MARK: - On screen

    @Test(arguments: [80, 120, 160])
    func theTopBarSaysTheWriterStoppedInRed(width: Int) throws {
        let screen = render(Self.stopped(width: width))
        let scalars = Array(screen.lines[0].unicodeScalars)
        let words = Array("writer stopped".unicodeScalars)
        let column = try #require((0...(scalars.count - words.count)).first { Array(scalars[$0..<$0 + words.count]) == words })
        #expect(screen[column, 0].role == .badge)
        let top = screen.lines[0]
        // From 120 columns the reason shows whole (the product name gives way for it).
        if width >= 120 { #expect(top.contains("writer stopped: \(Self.failure)")) }
    }

    @Test func theStoppedWriterScreenMatchesGolden() {
        expectGolden(render(Self.stopped(width: 120)), "writer-stopped-120x40")
    }

    @Test func aStoppedSimulatorShowsItsErrorInTheFooter() {
        let error = "wrong expected version: Scheme-Inbound-3 expected 41, was 42"
        let state = update(PaneBankFixture.state(width: 160), .healthChecked(Health(simulatorError: error))).0
        #expect(state.simulator.summary == "sim ■ stopped: \(error)")
        #expect(!state.simulator.isRunning)
        let footer = render(state).lines[23]
        #expect(footer.hasPrefix(" sim ■ stopped: \(error) "))
        #expect(render(state)[1, 23].role == .error)
        // At 80 columns the error is cut, never the keys' `? help` and `q quit`.
        let narrow = render(update(PaneBankFixture.state(), .healthChecked(Health(simulatorError: error))).0).lines[23]
        #expect(narrow.hasPrefix(" sim ■ stopped: wrong"))
        #expect(narrow.contains("…"))
        #expect(narrow.contains("? help"))
        #expect(narrow.contains("q quit"))
    }

    @Test func theSimulatorsOwnAnswerCarriesItsErrorToo() {
        let status = SimulatorStatus(isRunning: false, isPaused: false, ratePerSecond: 5, mix: "default", lastError: "disk full")
        let state = update(PaneBankFixture.state(), .simulatorChanged(status)).0
        #expect(state.simulator.summary == "sim ■ stopped: disk full")
    }

    @Test func anASCIITerminalGetsTheStoppedWriterAndSimulatorInASCII() {
        var state = update(Self.stopped(), .healthChecked(Health(writerFailure: Self.failure, simulatorError: "disk full"))).0
        state.glyphs = .ascii
        let lines = render(state).lines
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines[23].hasPrefix(" sim # stopped: disk full "))
    }

    @Test func aLongReasonKeepsItsCauseInTheTopBar() {
        let reason = "/tmp/bank/segment-000000.log: write failed at offset 3125104: No space left on device"
        let state = update(PaneBankFixture.state(width: 120), .healthChecked(Health(writerFailure: reason))).0
        let top = render(state).lines[0]
        #expect(top.hasSuffix("7 Audit   writer stopped: …et 3125104: No space left on device  "))
        #expect(TopBar.cutFront("abcdef", 4, ascii: true) == "~def")
        #expect(TopBar.cutFront("abc", 4, ascii: false) == "abc")
    }

    /// A database out of reach is retried by the store: the bar says so (not "stopped"), with
    /// libpq's cause at its end, and a write is refused until it is back.
    @Test func aStoreOutOfReachIsRetryingNotStopped() {
        let reason = "the database is unavailable: connection to server on socket \"/run/pg/.s.PGSQL.5433\" failed: No such file or directory"
        let state = update(PaneBankFixture.state(width: 120), .healthChecked(Health(writerFailure: reason, writerRetries: true))).0
        let top = render(state).lines[0]
        #expect(top.hasSuffix("7 Audit   unavailable, retrying: …d: No such file or directory  "))
        #expect(!top.contains("stopped"))
        let narrow = update(PaneBankFixture.state(width: 80), .healthChecked(Health(writerFailure: reason, writerRetries: true))).0
        #expect(render(narrow).lines[0].contains("retrying"))
        #expect(state.writeRefusal == "\(reason) — retrying; nothing can be written until it is back")
        // Back: the bar is as before.
        let back = update(state, .healthChecked(Health())).0
        #expect(render(back).lines[0].hasPrefix(" bank-console"))
    }

    @Test func atEightyColumnsWithAHeldBadgeTheWriterBadgeNeverCoversTheTabs() {
        let state = Self.stopped(width: 80, events: PaneBankFixture.eventsWithHolds)
        let top = render(state).lines[0]
        #expect(top.contains("7 Audit "))
        #expect(top.contains(" writer stopped "))
        // Room for a little of the cause: it is its end.
        let roomy = update(PaneBankFixture.state(width: 90, events: PaneBankFixture.eventsWithHolds),
                           .healthChecked(Health(writerFailure: "a: No space left on device"))).0
        #expect(render(roomy).lines[0].hasSuffix("7 Audit   writer stopped: … device  "))
    }
}
