import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

@Suite struct BankScreenGoldenTests {
    static let sizes = [(80, 24), (160, 48)]
    /// Also 120×40 (SCREENS.md's size), where wide columns must show more, not stretch.
    static let threeSizes = sizes + [(120, 40)]

    @Test(arguments: threeSizes)
    func paymentFlowMatchesGolden(width: Int, height: Int) {
        expectGolden(render(PaneBankFixture.state(width: width, height: height)), "flow-\(width)x\(height)")
    }

    @Test(arguments: threeSizes)
    func heldQueueMatchesGolden(width: Int, height: Int) {
        expectGolden(render(PaneBankFixture.state(width: width, height: height, pane: .held, events: PaneBankFixture.eventsWithHolds)), "held-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func accountsMatchGolden(width: Int, height: Int) {
        expectGolden(render(PaneBankFixture.state(width: width, height: height, pane: .accounts)), "accounts-\(width)x\(height)")
    }

    @Test func ledgerMatchesGolden() async throws {
        var state = PaneBankFixture.state(pane: .accounts)
        state = update(state, .keyPressed(.enter)).0
        let id = try #require(state.accounts.ledger)
        state = update(state, .ledgerLoaded(LedgerPage.read(id, in: try await PaneBankFixture.store(PaneBankFixture.events)))).0
        expectGolden(render(state), "ledger-80x24")
    }

    @Test(arguments: threeSizes)
    func timeMachineMatchesGolden(width: Int, height: Int) async throws {
        var state = PaneBankFixture.state(width: width, height: height, pane: .timeMachine)
        state.time.position = 700
        state.time.snapshot = try await PaneBankFixture.snapshot(state, at: 700)
        expectGolden(render(state), "time-\(width)x\(height)")
    }

    @Test(arguments: sizes)
    func subscriptionsAndProjectionsMatchGolden(width: Int, height: Int) {
        var state = PaneBankFixture.state(width: width, height: height, pane: .subscriptions)
        state = update(state, .subscriptionsLoaded(PaneBankFixture.subscriptions)).0
        state = run(state, [.keyPressed(.right), .keyPressed(.down), .keyPressed(.pageDown)]).0
        expectGolden(render(state), "subs-\(width)x\(height)")
    }

    @Test func newPaymentFormMatchesGolden() {
        var state = PaneBankFixture.state()
        state = update(state, .keyPressed(.char("n"))).0
        state = update(state, .keyPressed(.tab)).0
        state = run(state, keys("12.345")).0
        expectGolden(render(state), "form-80x24")
    }

    @Test func paymentTimelineMatchesGolden() {
        var state = PaneBankFixture.state(width: 160, height: 48, events: PaneBankFixture.eventsWithHolds)
        let payment = state.heldQueue[0]
        let entries = payment.positions.map { position in
            let event = PaneBankFixture.events[Int(position)]
            let heading = EventHeading(stream: event.stream, version: event.version, position: position, type: event.type, created: event.created)
            return PaymentTimeline.Entry(event: heading, id: event.id.uuidString.lowercased(), causationId: nil, causedBy: nil,
                                         actor: nil, summary: StoreReader.digest(event.data))
        }
        state = state.openTimelineForTest(payment)
        state = update(state, .timelineLoaded(PaymentTimeline(paymentID: payment.id, entries: entries))).0
        expectGolden(render(state), "timeline-160x48")
    }

    @Test func anASCIITerminalGetsOnlyASCIIOnEveryPaneAndOverlay() {
        for pane in PaneID.allCases {
            var state = PaneBankFixture.state(width: 100, height: 30, pane: pane, events: PaneBankFixture.eventsWithHolds)
            state.glyphs = .ascii
            state.subscriptions.snapshot = SubscriptionsSnapshot(
                groups: [.shown(group: "inbound", source: "$et-InboundPaymentReceived",
                                              inFlight: 1, acked: 2, retried: 0, parked: 0, lag: 0, lastCheckpoint: 1)],
                projections: [.shown(name: "accounts-by-status", source: "$ce-Accounts", position: 9, lag: 0,
                                            processed: 9, stateLines: (0..<40).map { "line \($0)" })],
                unavailable: nil)
            for overlay in [nil, Overlay.help(scroll: 0)] {
                state.overlay = overlay
                let lines = render(state).lines
                #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }, "\(pane) \(String(describing: overlay)):\n\(lines.joined(separator: "\n"))")
            }
            state.overlay = nil
            let (form, _) = update(state, .keyPressed(.char("n")))
            #expect(render(form).lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
            #expect(render(form).lines.contains { $0.contains("Amount (GBP)") })
        }
    }

    @Test func theTimeMachineHintFitsAnEightyColumnTerminal() {
        let state = PaneBankFixture.state(width: 80, height: 24, pane: .timeMachine)
        let lines = render(state).lines
        #expect(lines.contains { $0.contains("│ ←/→ step through the log;") })
        #expect(lines.contains { $0.contains("│ the event there shows here.") })
    }
}

extension State {
    func openTimelineForTest(_ payment: PaymentSummary) -> State {
        var copy = self
        _ = copy.openTimeline(payment)
        return copy
    }
}
