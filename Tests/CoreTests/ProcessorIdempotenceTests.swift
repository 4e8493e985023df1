import Foundation
import Store
import Testing
@testable import Core

/// Plays the whole log through every processor with each input handled twice in a row.
private func runTwice(_ bank: BankFixture) async throws {
    let pump = ProcessorPump(store: bank.store, processors: bank.processors())
    var position: UInt64 = 0
    while position < bank.store.headPosition {
        let event = try bank.store.event(at: position)
        try await pump.handle(event)
        try await pump.handle(event)
        position += 1
    }
}

/// Every payment path, started.
private func startEveryPath(_ bank: BankFixture) async throws {
    let ids = (1...6).map { UUID(uuidString: "00000000-0000-4000-8000-00000000000\($0)")! }
    let borys = PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Borys Wantablak")
    try await bank.schemeSends(id: ids[0])
    try await bank.schemeSends(amount: "0", id: ids[1])
    try await bank.schemeSends(from: borys, id: ids[2])
    try await bank.schemeSends(to: PaymentParty(sortCode: "401234", accountNumber: "22222507", name: "Bob"), id: ids[3])
    try await bank.operatorSends(id: ids[4])
    try await bank.operatorSends(amount: "5000.00", id: ids[5])
}

@Test func everyProcessorFedEachEventTwiceGivesTheSameResult() async throws {
    let once = try await BankFixture(rejectPercent: 50)
    try await startEveryPath(once)
    try await once.run()
    let twice = try await BankFixture(rejectPercent: 50)
    try await startEveryPath(twice)
    try await runTwice(twice)
    let expected = try once.store.read(.all).map { [$0.stream, $0.id.uuidString, $0.type] }
    #expect(try twice.store.read(.all).map { [$0.stream, $0.id.uuidString, $0.type] } == expected)
}

@Test func redeliveringTheWholeLogWritesNothing() async throws {
    let bank = try await BankFixture(rejectPercent: 50)
    try await startEveryPath(bank)
    try await bank.run()
    let head = bank.store.headPosition
    try await bank.redeliverEverything()
    try await bank.redeliverEverything()
    #expect(bank.store.headPosition == head)
}

@Test func aRestartAtAnyPointFinishesThePaymentExactlyOnce() async throws {
    let reference = try await BankFixture()
    try await reference.schemeSends()
    try await reference.run()
    let settled = try reference.inbound()
    let total = Int(reference.store.headPosition)
    let seeded = try await BankFixture().store.headPosition
    for crashAfter in Int(seeded)..<total {
        let bank = try await BankFixture()
        try await bank.schemeSends()
        // A first run handles the log up to the crash, then dies (its caches go with it).
        let first = ProcessorPump(store: bank.store, processors: bank.processors())
        var position: UInt64 = 0
        while position <= UInt64(crashAfter), position < bank.store.headPosition {
            try await first.handle(try bank.store.event(at: position))
            position += 1
        }
        // A fresh runner starts again from the beginning of the log.
        try await bank.run()
        #expect(try bank.inbound() == settled, "crash after position \(crashAfter)")
        #expect(try bank.events(.ledger(BankFixture.ada)).count == 2, "crash after position \(crashAfter)")
        #expect(bank.store.headPosition == UInt64(total))
    }
}

@Test func aConcurrentDuplicateIsResolvedByRereadingNotByASecondEffect() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends()
    let a = ProcessorPump(store: bank.store, processors: bank.processors())
    let b = ProcessorPump(store: bank.store, processors: bank.processors())
    async let first: Int = a.run()
    async let second: Int = b.run()
    _ = try await (first, second)
    try await bank.run()
    #expect(try bank.inbound().count == 5)
    #expect(try bank.events(.ledger(BankFixture.ada)).count == 2)
    #expect(a.failures.isEmpty && b.failures.isEmpty)
}

@Test func aPoisonMessageIsReportedAndDoesNotStopTheOthers() async throws {
    let bank = try await BankFixture()
    _ = try await bank.store.append(to: BankStream.scheme(.fps).name, expected: .any, events: [
        EventData(id: DerivedEventID.make(name: "poison"), type: InboundPaymentSentByScheme.eventType, data: Data("{\"amount\":12}".utf8)),
    ])
    try await bank.schemeSends()
    let pump = try await bank.run()
    #expect(pump.failures.count == 1)
    #expect(pump.failures.first?.processor == "Payments/inbound-payments")
    if case .poison(_, let type, _) = pump.failures.first?.error {
        #expect(type == "InboundPaymentSentByScheme")
    } else {
        Issue.record("expected a poison failure, got \(String(describing: pump.failures.first))")
    }
    #expect(try bank.inbound().count == 5)
}

@Test func aProcessorWhoseMemoIsBehindConflictsRereadsAndDecidesNothingTwice() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends()
    let a = ProcessorPump(store: bank.store, processors: bank.processors())
    let b = ProcessorPump(store: bank.store, processors: bank.processors())
    // a receives the payment; its memo of the payment stream is at the receipt.
    try await a.handle(try bank.store.event(at: bank.store.headPosition - 1))
    let received = try bank.store.event(at: bank.store.headPosition - 1)
    #expect(received.type == InboundPaymentReceived.eventType)
    // b (another process, say) validates it: a's memo is now behind the stream.
    try await b.handle(received)
    let head = bank.store.headPosition
    #expect(try bank.inbound().count == 2)
    // a gets the receipt again: it decides on its stale memo, the append conflicts, it forgets
    // the memo, reads the stream and finds the step already taken.
    try await a.handle(received)
    #expect(bank.store.headPosition == head)
    #expect(try bank.inbound().count == 2)
    #expect(a.failures.isEmpty)
    // And a carries on from what the store holds: the screening step follows once.
    try await a.handle(try bank.store.event(at: head - 1))
    #expect(try bank.inbound().count == 3)
}

@Test func aProcessorWhoseMemoMissedAnotherWritersEventConflictsForgetsAndDecidesOnTheStream() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends()
    let a = ProcessorPump(store: bank.store, processors: bank.processors())
    try await a.handle(try bank.store.event(at: bank.store.headPosition - 1))
    let received = try bank.store.event(at: bank.store.headPosition - 1)
    // Someone else writes to the payment's stream behind a's back (a type the bank ignores).
    let stream = BankStream.payment(.inbound, BankFixture.paymentId).name
    _ = try await bank.store.append(to: stream, expected: .exact(0), events: [EventData(type: "OperatorNote", data: Data("{}".utf8))])
    // a decides on its memo (one event), the append expects version 0 and is refused; a forgets
    // the memo, reads both events and validates after the note.
    try await a.handle(received)
    #expect(a.failures.isEmpty)
    let types = try bank.store.read(.stream(stream)).map(\.type)
    #expect(types == [InboundPaymentReceived.eventType, "OperatorNote", InboundPaymentValidated.eventType])
}

@Test func aLedgerWhoseMemosAreBehindPostsNothingTwiceOnARedeliveredCheck() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends()
    // b takes the payment as far as its account check, so its memos stop there.
    let b = ProcessorPump(store: bank.store, processors: bank.processors())
    var position: UInt64 = 0
    while !(try bank.inbound().last.map { if case .inboundPaymentAccountStatusChecked = $0 { true } else { false } } ?? false) {
        try await b.handle(try bank.store.event(at: position))
        position += 1
    }
    let stream = BankStream.payment(.inbound, BankFixture.paymentId).name
    let checked = try #require(try bank.store.read(.stream(stream)).last)
    // Another runner settles it: the posting and the balance update land behind b's back.
    try await bank.run()
    #expect(try bank.events(.ledger(BankFixture.ada)).count == 2)
    let head = bank.store.headPosition
    // b gets the check again: its payment memo says "checked" and its ledger memo misses the
    // posting, so b decides the posting again. It carries the id derived from the check, the
    // one the posting already has, so the store takes it as the duplicate it is.
    try await b.handle(checked)
    #expect(bank.store.headPosition == head)
    #expect(try bank.events(.ledger(BankFixture.ada)).count == 2)
    #expect(b.failures.isEmpty)
}
