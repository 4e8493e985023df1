import Foundation
import Store
import Testing
@testable import Core

@Test func timeMachineStateAtAnyPositionEqualsAFreshFoldOfThatPrefix() throws {
    var history = SyntheticBankHistory(seed: 42)
    history.accounts = 30
    let events = try history.generate(eventCount: 3_000)
    var machine = TimeMachine(interval: 128)
    for event in events { try machine.ingest(event) }
    #expect(machine.checkpointCount == events.count / 128 + 1)
    var random = SplitMix64(seed: 7)
    var positions: [UInt64] = [0, 1, 127, 128, 129, UInt64(events.count - 1), UInt64(events.count)]
    for _ in 0..<25 { positions.append(UInt64.random(in: 0...UInt64(events.count), using: &random)) }
    for position in positions {
        var reads: [Range<UInt64>] = []
        let state = machine.state(afterFirst: position) { range in
            reads.append(range)
            return Array(events[Int(range.lowerBound)..<Int(range.upperBound)])
        }
        #expect(state == BankReadModels.folding(events.prefix(Int(position))), "at position \(position)")
        #expect(reads.allSatisfy { $0.count < 128 }, "a seek folds fewer than K events")
    }
}

@Test func seekingByTimeFindsEveryEventStoredAtOrBeforeIt() throws {
    var log = HandWrittenLog()
    for n in 0..<10 {
        let account = AccountID(sortCode: "401234", accountNumber: "1000000\(n)")!
        try log.add(AccountOpened(account: account, holder: "Holder \(n)"), .account(account))
    }
    var machine = TimeMachine(interval: 4)
    for event in log.events { try machine.ingest(event) }
    let start = HandWrittenLog.start
    #expect(machine.eventCount(atOrBefore: start.addingTimeInterval(-1)) == 0)
    #expect(machine.eventCount(atOrBefore: start) == 1)
    #expect(machine.eventCount(atOrBefore: start.addingTimeInterval(4.5)) == 5)
    #expect(machine.eventCount(atOrBefore: start.addingTimeInterval(100)) == 10)
    let state = machine.state(afterFirst: machine.eventCount(atOrBefore: start.addingTimeInterval(4.5))) { range in
        Array(log.events[Int(range.lowerBound)..<Int(range.upperBound)])
    }
    #expect(state.accounts.count == 5)
}

@Test func theTimeMachineRefusesAGapAndIgnoresADuplicate() throws {
    let events = try sampleBankLog()
    var machine = TimeMachine(interval: 10)
    try machine.ingest(events[0])
    try machine.ingest(events[0])
    #expect(machine.count == 1)
    #expect(throws: TimeMachine.Failure.gap(expected: 1, got: 2)) { try machine.ingest(events[2]) }
}

@Test func theTimeMachineCatchesUpFromAStoreAndSeeksThroughIt() async throws {
    let store = MemoryEventStore(clock: ManualClock())
    let events = try sampleBankLog()
    for event in events {
        _ = try await store.append(to: event.stream, expected: .any, events: [EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata)])
    }
    var machine = TimeMachine(interval: 8)
    try machine.catchUp(with: store)
    #expect(machine.count == UInt64(events.count))
    let atTwelve = try machine.state(afterFirst: 12, in: store)
    #expect(atTwelve.payments.count(of: .held) == 1)
    #expect(atTwelve.accounts.account(HandWrittenLog.ada)?.balance.description == "£100.00")
    #expect(try machine.state(afterFirst: 100, in: store) == machine.live)
}

@Test func checkpointsKeepTheirStateWhileTheTimeMachineIngestsMore() throws {
    var history = SyntheticBankHistory(seed: 43)
    history.accounts = 25
    let events = try history.generate(eventCount: 2_400)
    var machine = TimeMachine(interval: 50)
    let read: (Range<UInt64>) -> [RecordedEvent] = { Array(events[Int($0.lowerBound)..<Int($0.upperBound)]) }
    let half = events.count / 2
    for event in events.prefix(half) { try machine.ingest(event) }
    let positions: [UInt64] = [0, 49, 50, 51, 333, UInt64(half - 1), UInt64(half)]
    let early = positions.map { machine.state(afterFirst: $0, reading: read) }
    let copy = machine
    for event in events.dropFirst(half) { try machine.ingest(event) }
    #expect(copy.count == UInt64(half))
    #expect(copy.checkpointCount == half / 50 + 1)
    #expect(copy.state(afterFirst: UInt64(events.count), reading: read) == BankReadModels.folding(events.prefix(half)))
    #expect(copy.created(at: UInt64(half)) == nil)
    for (position, state) in zip(positions, early) {
        #expect(state == BankReadModels.folding(events.prefix(Int(position))), "taken at \(position) before the rest")
        #expect(machine.state(afterFirst: position, reading: read) == state, "at \(position) after the rest")
    }
    #expect(machine.live == BankReadModels.folding(events))
}

@Test func accountsOpenedAfterTheirFirstLedgerEntryCountItButChangeOnlyFromTheirOpening() throws {
    var log = HandWrittenLog()
    let carol = AccountID(sortCode: "401234", accountNumber: "11112503")!
    try log.add(LedgerEntryPosted(account: carol, amount: Money(pence: 500), balanceAfter: Money(pence: 500), kind: .openingBalance,
                                  paymentId: nil, description: "early"), .ledger(carol))
    try log.add(AccountOpened(account: carol, holder: "Carol"), .account(carol))
    let opened = BankReadModels.folding(log.events).accounts.account(carol)
    #expect(opened?.balance == Money(pence: 500))
    #expect(opened?.entries == 1)
    #expect(opened?.lastChanged == HandWrittenLog.start.addingTimeInterval(1))
    try log.add(LedgerEntryPosted(account: carol, amount: Money(pence: 250), balanceAfter: Money(pence: 750), kind: .openingBalance,
                                  paymentId: nil, description: "later"), .ledger(carol))
    let models = BankReadModels.folding(log.events)
    #expect(models.accounts.account(carol)?.balance == Money(pence: 750))
    #expect(models.accounts.account(carol)?.lastChanged == HandWrittenLog.start.addingTimeInterval(2))
    #expect(models.accounts.ledger(carol).map(\.description) == ["early", "later"])
    #expect(models.accountsByStatus.accounts(.open) == [carol])
}
