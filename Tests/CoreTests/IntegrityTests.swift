import Foundation
import Store
import Testing
@testable import Core

// Issue 16 item 1 and issue 17 item 1: one range for money, refusals as events, and read
// models and processors that stop loudly at an event they cannot trust.

private let forgedId = UUID(uuidString: "00000000-0000-4000-8000-00000000f0f0")!

/// A recorded event with raw data, at `position`.
private func recorded(_ stream: String, version: Int64, position: UInt64, type: String, data: String) -> RecordedEvent {
    RecordedEvent(stream: stream, version: version, position: position, id: forgedId, type: type,
                  created: HandWrittenLog.start, data: Data(data.utf8), metadata: Data())
}

// MARK: - Money

@Test func everyBankStreamIsInABankCategoryAndNoOtherStreamIs() {
    let id = AccountID(sortCode: "401234", accountNumber: "12345706")!
    let streams: [BankStream] = [.account(id), .ledger(id), .sanctionedNames, .sanctionsSnapshots, .payment(.inbound, forgedId),
                                 .payment(.outbound, forgedId), .scheme(.chaps)]
    #expect(streams.map { BankCategory(streamName: $0.name) } == streams.map(\.bankCategory))
    #expect(BankCategory(streamName: "Ledger-anything") == .ledger)
    #expect(BankCategory(streamName: "SanctionedNames") == .sanctionedNames)
    for other in ["Orders-1", "ledger-401234-12345706", "Ledgers-1", "LedgerX", "$ce-Ledger", "Sanctioned"] {
        #expect(BankCategory(streamName: other) == nil, "\(other)")
    }
}

@Test func aCreditBeyondTheBalanceLimitFailsThePaymentWithBalanceLimitAndPostsNothing() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends(amount: "999999999999.99")
    try await bank.run()
    let refused = LedgerCreditRefused(account: BankFixture.ada, amount: .max, balance: Money(pence: 10_000), kind: .inboundPayment,
                                      paymentId: BankFixture.paymentId)
    #expect(try bank.events(.ledger(BankFixture.ada)).dropFirst() == [.ledgerCreditRefused(refused)])
    #expect(try bank.inbound().last == .inboundPaymentFailed(InboundPaymentFailed(paymentId: BankFixture.paymentId, reason: PaymentFailure(
        code: .balanceLimit,
        detail: "crediting £999,999,999,999.99 to £100.00 would take account 40-12-34 11111299 beyond £999,999,999,999.99"))))
    // The account keeps working: a later small payment settles on the unchanged balance.
    let next = UUID(uuidString: "00000000-0000-4000-8000-000000000002")!
    try await bank.schemeSends(amount: "10.00", id: next)
    try await bank.run()
    #expect(try bank.events(.ledger(BankFixture.ada)).last == .ledgerEntryPosted(LedgerEntryPosted(
        account: BankFixture.ada, amount: Money(pence: 1_000), balanceAfter: Money(pence: 11_000), kind: .inboundPayment,
        paymentId: next, description: "From Alice Abbott ref Invoice 7")))
}

@Test func anAmountBeyondTheRangeFromTheSchemeIsReturnedNotPosted() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends(amount: "99999999999999.99")
    try await bank.run()
    #expect(try bank.inbound().last == .inboundPaymentReturned(InboundPaymentReturned(paymentId: BankFixture.paymentId, reason: PaymentFailure(
        code: .invalidPayment, detail: "amount 99999999999999.99 is beyond 999999999999.99, the most the bank holds"))))
    #expect(try bank.events(.ledger(BankFixture.ada)).count == 1)
}

@Test func theFacadeRefusesAnAmountBeyondTheRangeAndWritesNothing() async throws {
    let (bank, store, _) = try await openTestBank()
    let head = store.headPosition
    await #expect(throws: BankError.amountOutOfRange("99999999999999.99")) {
        try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000345", amount: "99999999999999.99"))
    }
    #expect(store.headPosition == head)
    await bank.close()
}

// MARK: - Read models

@Test func aLedgerEntryWhoseBalanceAfterDoesNotFollowStopsTheReadModelsAtItsPosition() throws {
    let events = try sampleBankLog()
    var models = BankReadModels.folding(events)
    let before = models
    let forged = recorded("Ledger-401234-12345706", version: 3, position: 28, type: "LedgerEntryPosted", data: """
        {"account":{"accountNumber":"12345706","sortCode":"401234"},"amount":"1000000.00","balanceAfter":"1000000.00",\
        "description":"forged","kind":"inboundPayment"}
        """)
    models.apply(forged)
    #expect(models.fault == EventFault(position: 28, stream: "Ledger-401234-12345706", version: 3, type: "LedgerEntryPosted",
                                       reason: .balanceDoesNotFollow(previous: Money(pence: 6_234), amount: Money(pence: 100_000_000),
                                                                     recorded: Money(pence: 100_000_000))))
    // Nothing of it, and nothing after it, is folded.
    models.apply(recorded("Orders-1", version: 0, position: 29, type: "OrderPlaced", data: "{}"))
    #expect(models.accounts == before.accounts)
    #expect(models.position == 27)
    #expect(models.accounts.balance(HandWrittenLog.ada) == Money(pence: 6_234))
}

@Test func aBankEventThatDoesNotDecodeStopsTheReadModelsInsteadOfBeingSkipped() throws {
    var models = BankReadModels.folding(try sampleBankLog())
    // The balance of issue 16: fifteen whole digits, beyond what any layer reads.
    models.apply(recorded("Ledger-401234-12345706", version: 3, position: 28, type: "LedgerEntryPosted", data: """
        {"account":{"accountNumber":"12345678","sortCode":"401234"},"amount":"99999999999999.99","balanceAfter":"100000000006233.99",\
        "description":"big","kind":"inboundPayment"}
        """))
    let fault = try #require(models.fault)
    #expect(fault.position == 28)
    #expect(fault.type == "LedgerEntryPosted")
    guard case .undecodable = fault.reason else {
        Issue.record("expected an undecodable fault, got \(fault.reason)")
        return
    }
    #expect(models.position == 27)
}

@Test func aPoisonMessageFromTheSchemeDoesNotStopTheReadModels() throws {
    var models = BankReadModels.folding(try sampleBankLog())
    models.apply(recorded("Scheme-Fps", version: 0, position: 28, type: "InboundPaymentSentByScheme", data: #"{"amount":12,"garbled":true}"#))
    #expect(models.fault == nil)
    #expect(models.position == 28)
}

@Test func aReleaseOfAPaymentThatIsNotHeldStopsTheReadModels() throws {
    var models = BankReadModels.folding(try sampleBankLog())
    let settled = HandWrittenLog.paymentId(1)
    let release = InboundHeldPaymentReleased(paymentId: settled, decision: OperatorDecision(by: "mallory", at: HandWrittenLog.start, reason: "x"))
    models.apply(recorded(BankStream.payment(.inbound, settled).name, version: 5, position: 28, type: InboundHeldPaymentReleased.eventType,
                          data: String(decoding: try BankCodec.encode(release), as: UTF8.self)))
    #expect(models.fault?.reason == .unexpectedStep(event: "InboundHeldPaymentReleased", step: "settled"))
    #expect(models.payments.payment(settled)?.state == .settled)
}

@Test func theLiveReadModelsStopAtAForgedEntryAndCatchingUpSaysWhere() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    let ledger = BankStream.ledger(AccountID(sortCode: "401234", accountNumber: "10000337")!)
    let forged = LedgerEntryPosted(account: AccountID(sortCode: "401234", accountNumber: "10000337")!, amount: Money(pence: 100_000_000),
                                   balanceAfter: Money(pence: 100_000_000), kind: .inboundPayment, paymentId: nil, description: "forged")
    let written = try await store.append(to: ledger.name, expected: .any, events: [
        BankCodec.eventData(forged, id: forgedId, metadata: EventMetadata(correlationId: "x", causationId: "x")),
    ])
    await #expect(throws: BankError.fault(EventFault(position: written.firstPosition, stream: ledger.name, version: written.firstVersion,
                                                     type: "LedgerEntryPosted",
                                                     reason: .balanceDoesNotFollow(previous: Money(pence: 83_055), amount: Money(pence: 100_000_000),
                                                                                   recorded: Money(pence: 100_000_000))))) {
        try await bank.readModelsCatchUp()
    }
    await bank.close()
}

// MARK: - Processors

@Test func theLedgerProcessorStopsAtAForgedEntryAndPostsNothingOnTopOfIt() async throws {
    let bank = try await BankFixture()
    let forged = LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 100_000_000), balanceAfter: Money(pence: 100_000_000),
                                   kind: .openingBalance, paymentId: nil, description: "forged")
    try await bank.append(.ledger(BankFixture.ada), forged)
    let forgedAt = try #require(try bank.store.read(.stream(BankStream.ledger(BankFixture.ada).name)).last)
    try await bank.schemeSends(amount: "25.00")
    let pump = try await bank.run()
    #expect(try bank.events(.ledger(BankFixture.ada)).count == 2)
    let fault = EventFault(position: forgedAt.position, stream: forgedAt.stream, version: 1, type: "LedgerEntryPosted",
                           reason: .balanceDoesNotFollow(previous: Money(pence: 10_000), amount: Money(pence: 100_000_000),
                                                         recorded: Money(pence: 100_000_000)))
    #expect(pump.failures.map(\.error) == [.fault(fault)])
    #expect(pump.failures.map(\.processor) == ["Ledger/ledger-postings"])
}

@Test func aForgedReleaseOfAPaymentNeverHeldStopsTheInboundProcessor() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends(amount: "25.00")
    let stream = BankStream.payment(.inbound, BankFixture.paymentId)
    // The scheme's message is received, but before it is validated a release appears.
    let received = InboundPaymentReceived(paymentId: BankFixture.paymentId, scheme: .fps, amount: "25.00",
                                          from: PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Alice Abbott"),
                                          to: PaymentParty(sortCode: "401234", accountNumber: "11111299", name: "Ada Whitlock"),
                                          reference: "Invoice 7")
    try await bank.append(stream, received)
    try await bank.append(stream, InboundHeldPaymentReleased(paymentId: BankFixture.paymentId, decision: BankFixture.decision(by: "mallory", reason: "x")))
    let pump = try await bank.run()
    #expect(try bank.inbound().count == 2)
    #expect(try bank.events(.ledger(BankFixture.ada)).count == 1)
    #expect(!pump.failures.isEmpty)
    #expect(pump.failures.allSatisfy {
        if case .fault(let fault) = $0.error { fault.reason == .unexpectedStep(event: "InboundHeldPaymentReleased", step: "received") } else { false }
    })
}

@Test func aLedgerFoldRefusesAnEntryThatDoesNotFollowAndChangesNothing() throws {
    var ledger = LedgerState()
    try ledger.apply(.ledgerEntryPosted(LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 500), balanceAfter: Money(pence: 500),
                                                          kind: .openingBalance, paymentId: nil, description: "Opening balance")))
    #expect(throws: FaultReason.balanceDoesNotFollow(previous: Money(pence: 500), amount: Money(pence: 1), recorded: Money(pence: 900))) {
        try ledger.apply(.ledgerEntryPosted(LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 1), balanceAfter: Money(pence: 900),
                                                              kind: .inboundPayment, paymentId: forgedId, description: "x")))
    }
    #expect(ledger.balance == Money(pence: 500))
    #expect(!ledger.hasPosted(forgedId, .inboundPayment))
}

// MARK: - Deadlines

/// A bank whose ledger processor never hears of a payment's status check (its group starts far
/// ahead), so a payment stops at `checked` with nothing wrong: only a deadline ends the wait.
/// The deadline passes at once: the test decides time, nothing sleeps.
private func bankThatNeverPosts() async throws -> (Bank, MemoryEventStore) {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    let configuration = BankConfiguration(seed: 7, subscriptionTick: nil, restTimeout: .seconds(30), sleep: { _ in })
    let bank = try await Bank(store: store, clock: clock, configuration: configuration)
    var settings = ProcessorRunner.groupSettings()
    settings.startFrom = .position(1_000_000)
    try await bank.subscriptions.create(group: "ledger-postings", source: .eventType(InboundPaymentAccountStatusChecked.eventType), settings: settings)
    try await bank.startProcessors()
    return (bank, store)
}

@Test func aPaymentThatDoesNotComeToRestIsReportedWithItsStateWhenTheDeadlinePasses() async throws {
    let (bank, store) = try await bankThatNeverPosts()
    let id = try await bank.submit(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000337", amount: "1.00"))
    // Reach the step it stops at first, so the deadline finds the payment exactly there.
    while true {
        let head = store.headPosition
        let outcome = try bank.outcome(.inbound, id)
        if outcome.status == .checked { break }
        try #require(!outcome.isAtRest, "the payment came to rest: \(outcome.status)")
        await store.waitForEvents(beyond: head)
    }
    await #expect(throws: BankError.notAtRest(paymentId: id, state: .checked, after: .seconds(30))) {
        try await bank.waitUntilAtRest(.inbound, id)
    }
    #expect(BankError.notAtRest(paymentId: id, state: .checked, after: .seconds(30)).description
        == "the bank did not come to rest within 30 s; payment \(id.lowercasedString) is in state checked")
    await bank.close()
}

@Test func aPaymentToAnAccountWhoseLedgerCannotBeTrustedFailsWithTheFaultInsteadOfWaiting() async throws {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    // No deadline would ever pass: only the fault can end the wait.
    let configuration = BankConfiguration(seed: 7, subscriptionTick: nil, sleep: { _ in try await Task.sleep(for: .seconds(86_400 * 365)) })
    let bank = try await Bank(store: store, clock: clock, configuration: configuration)
    let account = AccountID(sortCode: "401234", accountNumber: "10000337")!
    let forged = LedgerEntryPosted(account: account, amount: Money(pence: 1), balanceAfter: Money(pence: 1), kind: .openingBalance,
                                   paymentId: nil, description: "forged")
    let written = try await store.append(to: BankStream.ledger(account).name, expected: .any, events: [
        BankCodec.eventData(forged, id: forgedId, metadata: EventMetadata(correlationId: "x", causationId: "x")),
    ])
    try await bank.startProcessors()
    await #expect(throws: BankError.fault(EventFault(position: written.firstPosition, stream: BankStream.ledger(account).name, version: written.firstVersion,
                                                     type: "LedgerEntryPosted",
                                                     reason: .balanceDoesNotFollow(previous: Money(pence: 83_055), amount: Money(pence: 1),
                                                                                   recorded: Money(pence: 1))))) {
        try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000337", amount: "1.00"))
    }
    await bank.close()
}

@Test func catchingUpWithAFollowerThatStoppedReadingFailsInsteadOfWaitingForever() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    await store.close()
    await #expect(throws: BankError.store(.closed)) {
        try await bank.readModelsCatchUp(to: store.headPosition + 1)
    }
    await bank.close()
}
