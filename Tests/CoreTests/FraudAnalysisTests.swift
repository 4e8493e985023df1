import Foundation
import Store
import Testing
@testable import Core

/// Validated inbound payments to three accounts: a burst to Ada, structuring to Bob, and an
/// ordinary trickle to Cy that must not be flagged.
func fraudLog() throws -> [RecordedEvent] {
    var h = HandWrittenLog()
    let cy = AccountID(sortCode: "401234", accountNumber: "55556805")!
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
    for event in try fraudLog() { try analysis.apply(event) }
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
    let live = try allFlags(in: projections)

    var expected = FraudAnalysis()
    for event in try store.read(.all) { try expected.apply(event) }
    #expect(live == expected.allFlags)
    #expect(!live.isEmpty, "the synthetic history contains structuring bursts")

    try await projections.reset(FraudAnalysisProjection.name)
    try await projections.catchUp(FraudAnalysisProjection.name)
    #expect(try allFlags(in: projections) == live)
}

/// The flags of every partition (one per account) of the fraud projection, by account then rule.
func allFlags(in projections: Projections) throws -> [FraudAnalysis.Flag] {
    try projections.partitions(of: FraudAnalysisProjection.name).flatMap { partition in
        try projections.state(of: FraudAnalysisProjection.name, partition: partition, as: FraudAnalysis.self)?.allFlags ?? []
    }
}

/// `count` validated inbound payments, 0.2 s apart, round-robin over `accounts` accounts, every
/// seventh just under £10,000: a long day of the simulator at 5 a second.
func longPaymentRun(count: Int, accounts: Int) throws -> [RecordedEvent] {
    var log = RecordedEventLog()
    var clock = Date(timeIntervalSince1970: 1_780_000_000.0005)
    for n in 0..<count {
        let account = AccountID(sortCode: "401234", accountNumber: String(10_000_001 + n % accounts))!
        let id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n))!
        let amount = Money(pence: n % 7 == 0 ? 995_000 : Int64(100 + (n * 7_919) % 250_000))
        try log.append(InboundPaymentValidated(paymentId: id, amount: amount, account: account, accountHolder: "Holder \(n % accounts)"),
                       to: .payment(.inbound, id), at: clock, id: DerivedEventID.make(name: "long-run:\(n)"))
        clock = clock.addingTimeInterval(0.2)
    }
    return log.events
}

@Test func fraudAnalysisStateStaysBoundedOverTwentyThousandPayments() throws {
    var analysis = FraudAnalysis()
    var largest = 0
    for (index, event) in try longPaymentRun(count: 20_000, accounts: 27).enumerated() {
        try analysis.apply(event)
        if index % 1_000 == 999 { largest = max(largest, try JSONEncoder().encode(analysis).count) }
    }
    // 27 accounts, each with at most 50 recent, 50 just-under and 2 × 50 evidence payments.
    #expect(largest < 27 * 200 * 200)
    #expect(analysis.flaggedAccounts.count == 27)
    #expect(analysis.allFlags.allSatisfy { $0.evidence.count <= FraudAnalysis.maxEvidence })
}

@Test func theFraudProjectionKeepsOneBoundedPartitionPerAccountAndNeverFaults() async throws {
    let events = try longPaymentRun(count: 20_000, accounts: 27)
    let store = MemoryEventStore(clock: ManualClock())
    // A thousand events per append (the memory store copies its log on each append).
    for page in stride(from: 0, to: events.count, by: 1_000) {
        let data = events[page..<min(page + 1_000, events.count)].map { EventData(id: $0.id, type: $0.type, data: $0.data, metadata: $0.metadata) }
        _ = try await store.append(to: "LongRun-\(page / 1_000)", expected: .any, events: data)
    }
    let projections = Projections(store: store, clock: ManualClock())
    try projections.register(FraudAnalysisProjection())
    try await projections.catchUp(FraudAnalysisProjection.name)
    let status = try projections.status(of: FraudAnalysisProjection.name)
    #expect(status.fault == nil)
    let partitions = try projections.partitions(of: FraudAnalysisProjection.name)
    #expect(partitions.count == 27)
    #expect(partitions.first == "401234-10000001")
    for partition in partitions {
        let json = try #require(try projections.stateJSON(of: FraudAnalysisProjection.name, partition: partition))
        #expect(json.count < 64 * 1024, "partition \(partition)")
    }
}

@Test func fraudAnalysisJSONUsesObjectsAndISO8601Times() throws {
    var rules = FraudAnalysis.Rules()
    rules.velocityCount = 2
    var analysis = FraudAnalysis(rules: rules)
    for event in try longPaymentRun(count: 2, accounts: 1) { try analysis.apply(event) }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(analysis), as: UTF8.self)
    let first = #"{"amount":"9950.00","at":"2026-05-28T20:26:40.000Z","paymentId":"00000000-0000-4000-8000-000000000000","position":0}"#
    let second = #"{"amount":"80.19","at":"2026-05-28T20:26:40.200Z","paymentId":"00000000-0000-4000-8000-000000000001","position":1}"#
    #expect(json.contains(#""flags":[{"account":{"accountNumber":"10000001","sortCode":"401234"},"evidence":[\#(first),\#(second)],"flaggedAt":"2026-05-28T20:26:40.200Z","flaggedPosition":1,"rule":"velocity","summary":"2 inbound payments within 10 minutes"}]"#))
    #expect(json.contains(#""recent":[{"account":{"accountNumber":"10000001","sortCode":"401234"},"payments":[\#(first),\#(second)]}]"#))
    #expect(try JSONDecoder().decode(FraudAnalysis.self, from: Data(json.utf8)) == analysis)
}

@Test func isoTimesWithMillisecondsRoundTripExactly() {
    for seconds in [0.0, 1_780_000_000.123, -86_400.5, 951_782_400.999, 4_102_444_799.001] {
        let date = ISO8601Milliseconds.truncated(Date(timeIntervalSince1970: seconds))
        #expect(ISO8601Milliseconds.date(ISO8601Milliseconds.string(date)) == date)
    }
    #expect(ISO8601Milliseconds.string(Date(timeIntervalSince1970: 951_782_400.25)) == "2000-02-29T00:00:00.250Z")
    #expect(ISO8601Milliseconds.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
}

@Test func theAccountsByStatusProjectionMatchesTheReadModel() async throws {
    let events = try sampleBankLog()
    let store = try await storeHolding(events)
    let projections = Projections(store: store, clock: ManualClock())
    try projections.register(AccountsByStatusProjection())
    try await projections.catchUp(AccountsByStatusProjection.name)
    let state = try #require(try projections.state(of: AccountsByStatusProjection.name, as: AccountStatusTally.self))
    let model = BankReadModels.folding(events).accountsByStatus
    for status in AccountStatus.allCases {
        #expect(state.count(status) == model.count(status))
        if status != .open { #expect(state.accounts(status) == model.accounts(status)) }
    }
    #expect(state.accounts(.blocked) == [HandWrittenLog.bob])
    #expect(state.count(.open) == 1)
    #expect(state.accounts(.open) == nil)
}


@Test func aValidatedPaymentThatDoesNotDecodeStopsTheFoldAndChangesNothing() throws {
    var analysis = FraudAnalysis()
    for event in try fraudLog().prefix(3) { try analysis.apply(event) }
    let before = analysis
    let bad = RecordedEvent(stream: "Payments-Inbound-00000000-0000-0000-0000-000000000001", version: 0, position: 1_000,
                            id: UUID(), type: InboundPaymentValidated.eventType, created: Date(timeIntervalSince1970: 0),
                            data: Data(#"{"paymentId":"not an id"}"#.utf8), metadata: Data("{}".utf8))
    #expect(throws: (any Error).self) { try analysis.apply(bad) }
    #expect(analysis == before)
}
