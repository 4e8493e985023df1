import Foundation
import Store
import Testing
@testable import Core

/// The bank-wide views (`BankOverview`) against the fold of every payment and ledger line
/// (`BankReadModels`) they replace, for random histories (fixed seeds).
struct BankOverviewTests {
    /// What the two folds must agree on.
    static func expectSameViews(_ overview: BankOverview, _ whole: BankReadModels, window: Int, _ comment: Comment? = nil) {
        #expect(overview.position == whole.position, comment)
        #expect(overview.eventCount == whole.eventCount, comment)
        #expect(overview.lastCreated == whole.lastCreated, comment)
        #expect(overview.fault == whole.fault, comment)
        #expect(overview.accounts.every == whole.accounts.all, comment)
        #expect(overview.accounts.count == whole.accounts.count, comment)
        #expect(overview.payments.counts == whole.payments.counts, comment)
        #expect(overview.payments.count == whole.payments.count, comment)
        #expect(overview.payments.heldQueue == whole.payments.heldQueue, comment)
        #expect(overview.payments.recent(limit: window) == whole.payments.recent(limit: window), comment)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func theOverviewShowsWhatTheWholeFoldShowsAtEveryPoint(seed: UInt64) throws {
        var history = SyntheticBankHistory(seed: seed)
        history.accounts = 25
        let events = try history.generate(eventCount: 2_000)
        var overview = BankOverview(window: 40)
        var whole = BankReadModels()
        for (n, event) in events.enumerated() {
            try overview.apply(event)
            whole.apply(event)
            if n % 97 == 0 { Self.expectSameViews(overview, whole, window: 40, "after event \(n)") }
        }
        Self.expectSameViews(overview, whole, window: 40)
        #expect(overview.payments.windowCount == 40)
        #expect(overview.payments.openCount < overview.payments.count / 4, "finished payments outside the window are forgotten")
    }

    @Test func anEventAboutAPaymentNoLongerKeptIsFoldedFromItsStream() throws {
        var log = HandWrittenLog()
        let first = HandWrittenLog.paymentId(1), second = HandWrittenLog.paymentId(2)
        let from = PaymentParty(sortCode: "200000", accountNumber: "11112222", name: "Payer")
        let to = PaymentParty(sortCode: "401234", accountNumber: "12345678", name: "Ada")
        try log.add(InboundPaymentReceived(paymentId: first, scheme: .fps, amount: "10.00", from: from, to: to, reference: "one"), .payment(.inbound, first))
        try log.add(InboundPaymentReturned(paymentId: first, reason: PaymentFailure(code: .unknownAccount, detail: "")), .payment(.inbound, first))
        try log.add(InboundPaymentReceived(paymentId: second, scheme: .fps, amount: "20.00", from: from, to: to, reference: "two"), .payment(.inbound, second))
        // The first payment, long out of a window of one: received again, then failed.
        try log.add(InboundPaymentReceived(paymentId: first, scheme: .fps, amount: "10.00", from: from, to: to, reference: "one"), .payment(.inbound, first))
        try log.add(InboundPaymentFailed(paymentId: first, reason: PaymentFailure(code: .accountBlocked, detail: "")), .payment(.inbound, first))
        let events = log.events
        var asked: [UUID] = []
        let lookup: PaymentLookup = { id, before in
            asked.append(id)
            return BankReadModels.folding(events.filter { $0.position < before && $0.stream == BankStream.payment(.inbound, id).name }).payments.payment(id)
        }
        var overview = BankOverview(window: 1)
        for event in events { try overview.apply(event, lookup: lookup) }
        let whole = BankReadModels.folding(events)
        #expect(asked == [first, first])
        #expect(overview.payments.counts == whole.payments.counts)
        #expect(overview.payments.counts == [.failed: 1, .received: 1])
        #expect(overview.payments.count == 2)
    }

    /// A decision that needs a held payment, on one that is only received.
    enum Decision: String, CaseIterable, Sendable {
        case release, approval

        func event(_ id: UUID) -> any BankEventType {
            let decision = OperatorDecision(by: "op", at: HandWrittenLog.start, reason: "fine")
            return switch self {
            case .release: InboundHeldPaymentReleased(paymentId: id, decision: decision)
            case .approval: HeldPaymentApproved(paymentId: id, decision: decision)
            }
        }
    }

    @Test(arguments: Decision.allCases)
    func aDecisionOnAPaymentThatIsNotHeldStopsTheOverviewWhereTheWholeFoldStops(_ decision: Decision) throws {
        var log = HandWrittenLog()
        let id = HandWrittenLog.paymentId(3)
        let from = PaymentParty(sortCode: "200000", accountNumber: "11112222", name: "Payer")
        let to = PaymentParty(sortCode: "401234", accountNumber: "12345678", name: "Ada")
        try log.add(InboundPaymentReceived(paymentId: id, scheme: .fps, amount: "10.00", from: from, to: to, reference: "x"), .payment(.inbound, id))
        let event = decision.event(id)
        try log.add(event, .payment(.inbound, id))
        let overview = BankOverview.folding(log.events)
        #expect(overview.fault?.reason == .unexpectedStep(event: type(of: event).eventType, step: "received"))
        #expect(overview.fault == BankReadModels.folding(log.events).fault)
        #expect(overview.position == 0)
    }
}
