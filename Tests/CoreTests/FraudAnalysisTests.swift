import Foundation
import Store
import Testing
@testable import Core

/// Validated inbound payments to three accounts: a burst to Ada, structuring to Bob, and an
/// ordinary trickle to Cy that must not be flagged.
func fraudLog() throws -> [RecordedEvent] {
    var h = HandWrittenLog()
    let cy = AccountID(sortCode: "401234", accountNumber: "55556666")!
    var n: UInt8 = 0
    func pay(_ account: AccountID, _ pence: Int64, after seconds: TimeInterval, _ h: inout HandWrittenLog) throws {
        n += 1
        h.clock = h.clock.addingTimeInterval(seconds - 1)
        try h.add(InboundPaymentValidated(paymentId: HandWrittenLog.paymentId(n), amount: Money(pence: pence), account: account, accountHolder: "x"),
                  .payment(.inbound, HandWrittenLog.paymentId(n)))
    }
    // Ada: five payments two minutes apart (8 minutes in all) -> velocity.
    for _ in 0..<5 { try pay(HandWrittenLog.ada, 2_500, after: 120, &h) }                  // payments 1-5
    // Bob: £9,950.00, £9,999.99 and £4,995.00 within a day -> structuring.
    try pay(HandWrittenLog.bob, 995_000, after: 3_600, &h)                                  // 6
    try pay(HandWrittenLog.bob, 999_999, after: 3 * 3_600, &h)                              // 7
    try pay(HandWrittenLog.bob, 10_000, after: 60, &h)                                      // 8: ordinary
    try pay(HandWrittenLog.bob, 499_500, after: 5 * 3_600, &h)                              // 9
    // Cy: four payments an hour apart, and two just-under payments two days apart.
    for _ in 0..<4 { try pay(cy, 2_500, after: 3_600, &h) }                                  // 10-13
    try pay(cy, 999_000, after: 60, &h)                                                      // 14
    try pay(cy, 999_000, after: 2 * 86_400, &h)                                              // 15
    try pay(cy, 1_000_000, after: 60, &h)                                                    // 16: exactly £10,000 is not "under"
    return h.events
}

@Test func fraudAnalysisFlagsBurstsAndStructuringWithTheirEvidence() throws {
    var analysis = FraudAnalysis()
    for event in try fraudLog() { analysis.apply(event) }
    #expect(analysis.flaggedAccounts == [HandWrittenLog.ada, HandWrittenLog.bob])
    let velocity = try #require(analysis.flags[HandWrittenLog.ada]?[.velocity])
    #expect(velocity.evidence.map(\.paymentId) == (1...5).map { HandWrittenLog.paymentId($0) })
    #expect(velocity.flaggedPosition == 4)
    #expect(velocity.summary == "5 inbound payments within 10 minutes")
    let structuring = try #require(analysis.flags[HandWrittenLog.bob]?[.structuring])
    #expect(structuring.evidence.map(\.amount.description) == ["£9,950.00", "£9,999.99", "£4,995.00"])
    #expect(structuring.evidence.map(\.paymentId) == [6, 7, 9].map { HandWrittenLog.paymentId($0) })
    #expect(analysis.flags[HandWrittenLog.bob]?[.velocity] == nil)
    #expect(analysis.allFlags.map(\.rule) == [.velocity, .structuring])
}

@Test func justUnderMeansBelowTheRoundAmountWithinItsMargin() {
    let rules = FraudAnalysis.Rules()
    #expect(rules.isJustUnderThreshold(Money(pence: 999_999)))
    #expect(rules.isJustUnderThreshold(Money(pence: 990_000)))
    #expect(!rules.isJustUnderThreshold(Money(pence: 989_999)))
    #expect(!rules.isJustUnderThreshold(Money(pence: 1_000_000)))
    #expect(rules.isJustUnderThreshold(Money(pence: 499_000)))
    #expect(!rules.isJustUnderThreshold(Money(pence: 498_999)))
}

/// Appends recorded events to a fresh memory store, keeping their ids, types and bytes.
func storeHolding(_ events: [RecordedEvent]) async throws -> MemoryEventStore {
    let store = MemoryEventStore(clock: ManualClock())
    for event in events {
        _ = try await store.append(to: event.stream, expected: .any, events: [EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata)])
    }
    return store
}

@Test func theFraudProjectionAddedLaterProcessesAllHistoryAndARebuildEqualsLive() async throws {
    var history = SyntheticBankHistory(seed: 5)
    history.accounts = 20
    let events = try history.generate(eventCount: 2_500)
    let store = try await storeHolding(Array(events.prefix(1_500)))
    let projections = Projections(store: store, clock: ManualClock())
    // Registered after 1,500 events exist: it starts from the beginning of time.
    try projections.register(FraudAnalysisProjection())
    try await projections.catchUp(FraudAnalysisProjection.name)
    // Then it follows new events.
    for event in events.dropFirst(1_500) {
        _ = try await store.append(to: event.stream, expected: .any, events: [EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata)])
    }
    try await projections.catchUp(FraudAnalysisProjection.name)
    let live = try #require(try projections.state(of: FraudAnalysisProjection.name, as: FraudAnalysis.self))

    var expected = FraudAnalysis()
    for event in try store.read(.all) { expected.apply(event) }
    #expect(live.allFlags == expected.allFlags)
    #expect(!live.flaggedAccounts.isEmpty, "the synthetic history contains structuring bursts")

    try await projections.reset(FraudAnalysisProjection.name)
    try await projections.catchUp(FraudAnalysisProjection.name)
    let rebuilt = try #require(try projections.state(of: FraudAnalysisProjection.name, as: FraudAnalysis.self))
    #expect(rebuilt.allFlags == live.allFlags)
}

@Test func theAccountsByStatusProjectionMatchesTheReadModel() async throws {
    let events = try sampleBankLog()
    let store = try await storeHolding(events)
    let projections = Projections(store: store, clock: ManualClock())
    try projections.register(AccountsByStatusProjection())
    try await projections.catchUp(AccountsByStatusProjection.name)
    let state = try #require(try projections.state(of: AccountsByStatusProjection.name, as: AccountsByStatus.self))
    #expect(state == BankReadModels.folding(events).accountsByStatus)
    #expect(state.accounts(.blocked) == [HandWrittenLog.bob])
    #expect(state.accounts(.open) == [HandWrittenLog.ada])
}
