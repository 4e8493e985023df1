import Foundation
import Store
import StoreTestSupport
import Synchronization
import Testing
@testable import Core

@Test func blockingAnAccountFailsPaymentsToItUntilUnblocked() async throws {
    let (bank, _, _) = try await openTestBank()
    try await bank.block(sortCode: "40-12-34", accountNumber: "10000329", reason: "Suspected fraud", by: "jo")
    let failed = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "10.00"))
    #expect(failed.status == .failed)
    #expect(failed.reason == PaymentFailure(code: .accountBlocked, detail: "account 40-12-34 10000329 is blocked"))
    try await bank.unblock(sortCode: "401234", accountNumber: "10000329", reason: "Cleared", by: "jo")
    let settled = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "10.00"))
    #expect(settled.status == .settled)
    await bank.close()
}

@Test func refusedAccountCommandsWriteNothing() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    let head = store.headPosition
    await #expect(throws: BankError.unknownAccount(AccountID(sortCode: "401234", accountNumber: "99990119")!)) {
        try await bank.block(sortCode: "401234", accountNumber: "99990119", reason: "x")
    }
    await #expect(throws: BankError.malformedSortCode("40-12")) {
        try await bank.block(sortCode: "40-12", accountNumber: "10000329", reason: "x")
    }
    await #expect(throws: BankError.reasonRequired) {
        try await bank.block(sortCode: "401234", accountNumber: "10000329", reason: "  ")
    }
    await #expect(throws: BankError.accountStatusUnchanged(AccountID(sortCode: "401234", accountNumber: "10000485")!, .blocked)) {
        try await bank.block(sortCode: "401234", accountNumber: "10000485", reason: "again")
    }
    await #expect(throws: BankError.accountClosed(AccountID(sortCode: "401234", accountNumber: "10000949")!)) {
        try await bank.unblock(sortCode: "401234", accountNumber: "10000949", reason: "reopen")
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func closingAnAccountRecordsWhoAndWhy() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    try await bank.close(sortCode: "401234", accountNumber: "10000337", reason: "Customer request", by: "sam")
    let last = try store.read(.stream("Accounts-401234-10000337"), from: .end, direction: .backward, maxCount: 1)[0]
    #expect(try BankEvent.decode(last) == .accountClosed(AccountClosed(account: AccountID(sortCode: "401234", accountNumber: "10000337")!,
                                                                       reason: "Customer request", by: "sam")))
    #expect(BankCodec.metadata(of: last)?.actor == "Accounts/operator:sam")
    await bank.close()
}

@Test func releasingOrRejectingSomethingNotHeldIsRefused() async throws {
    let (bank, store, _) = try await openTestBank()
    let settled = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000337", amount: "1.00"))
    let head = store.headPosition
    await #expect(throws: BankError.paymentNotHeld(paymentId: settled.paymentId.uuidString.lowercased(), state: "settled")) {
        _ = try await bank.release(paymentId: settled.paymentId.uuidString, reason: "why not")
    }
    await #expect(throws: BankError.unknownPayment("0b0e0000-0000-4000-8000-000000000000")) {
        _ = try await bank.reject(paymentId: "0b0e0000-0000-4000-8000-000000000000", reason: "no")
    }
    await #expect(throws: BankError.unknownPayment("not-an-id")) {
        _ = try await bank.reject(paymentId: "not-an-id", reason: "no")
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func rejectingAHeldPaymentNeedsAReasonAndThenFailsIt() async throws {
    let (bank, store, _) = try await openTestBank()
    let held = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "9.00", fromName: "Tiberius Nightshade"))
    #expect(held.status == .held)
    let head = store.headPosition
    await #expect(throws: BankError.reasonRequired) {
        _ = try await bank.reject(paymentId: held.paymentId.uuidString, reason: "")
    }
    #expect(store.headPosition == head)
    let rejected = try await bank.reject(paymentId: held.paymentId.uuidString, reason: "Confirmed listed person", by: "jo")
    #expect(rejected.status == .failed)
    #expect(rejected.reason == PaymentFailure(code: .sanctionsRejected, detail: "rejected by jo: Confirmed listed person"))
    await bank.close()
}

@Test func sendingFromAnUnknownOwnAccountIsRefused() async throws {
    let (bank, store, _) = try await openTestBank()
    let head = store.headPosition
    await #expect(throws: BankError.unknownAccount(AccountID(sortCode: "401234", accountNumber: "12121255")!)) {
        _ = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "12121255",
                                                       toSortCode: "601234", toAccountNumber: "12345679", amount: "1.00"))
    }
    await #expect(throws: BankError.malformedAmount("1,00")) {
        _ = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000329",
                                                       toSortCode: "601234", toAccountNumber: "12345679", amount: "1,00"))
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func aSendToAnotherBankGoesOutThroughTheScheme() async throws {
    let (bank, _, _) = try await openTestBank()
    bank.simulator.update { $0.schemeRejectPercent = 0 }
    let outcome = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000329",
                                                             toSortCode: "601234", toAccountNumber: "12345679", amount: "250.00",
                                                             toName: "Walsh Carter", scheme: .chaps))
    #expect(outcome.status == .accepted)
    #expect(try bank.account(sortCode: "401234", accountNumber: "10000329").balance == Money(pence: 1_225_000))
    await bank.close()
}

@Test func addingASanctionedNameHoldsTheNextPaymentAndRemovingItReleasesTheFollowing() async throws {
    let (bank, _, _) = try await openTestBank()
    let entry = try await bank.addSanctionedName("Peregrine Falconbridge", aliases: ["P. Falconbridge"], by: "compliance")
    #expect(entry == SanctionedEntry(entryId: "SN-0013", name: "Peregrine Falconbridge", aliases: ["P. Falconbridge"]))
    await #expect(throws: BankError.alreadySanctioned(name: "Peregrine Falconbridge", entryId: "SN-0013")) {
        _ = try await bank.addSanctionedName("peregrine falconbridge")
    }
    let held = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "3.00", fromName: "Peregrine Falconbridge"))
    #expect(held.status == .held)
    try await bank.removeSanctionedName("SN-0013", by: "compliance")
    await #expect(throws: BankError.notSanctioned("SN-0013")) { try await bank.removeSanctionedName("SN-0013") }
    let settled = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "3.00", fromName: "Peregrine Falconbridge"))
    #expect(settled.status == .settled)
    await bank.close()
}

@Test func theReadModelsFollowTheBank() async throws {
    let (bank, store, _) = try await openTestBank()
    let outcome = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000337", amount: "19.45"))
    try await bank.readModelsCatchUp()
    let models = bank.readModels
    #expect(models.position == store.headPosition - 1)
    #expect(models.payments.payment(outcome.paymentId)?.state == .settled)
    await bank.close()
}

@Test func aBankReopenedOnItsDataDirectoryFinishesAPaymentExactlyOnce() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("core-bank-\(UInt64.random(in: 0...UInt64.max))")
    defer { try? FileManager.default.removeItem(at: directory) }
    let clock = ManualClock()
    let configuration = BankConfiguration(seed: 3, subscriptionTick: nil, restTimeout: .seconds(600), creator: "operator") // never reached when healthy; a loaded CI machine is slow
    let first = try await Bank.open(directory: directory, clock: clock, durability: .os, configuration: configuration)
    let id = try await first.submit(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000345", amount: "42.00"))
    try await first.startProcessors()
    await first.close() // wherever the payment got to
    let second = try await Bank.open(directory: directory, clock: clock, durability: .os, configuration: configuration)
    try await second.startProcessors()
    let outcome = try await second.waitUntilAtRest(.inbound, id)
    #expect(outcome.status == .settled)
    let credits = try second.store.read(.stream("Ledger-401234-10000345")).filter { $0.type == LedgerEntryPosted.eventType }
    #expect(credits.count == 2)
    #expect(outcome.balanceAfter == Money(pence: 424_200))
    await second.close()
}

@Test func theSanctionsListIsSnapshottedEveryHundredChangesAndLoadsFromTheSnapshot() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    var added = 0
    while store.lastVersion(of: BankStream.sanctionsSnapshots.name) == nil {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        try await bank.addSanctionedName("Listed Person " + String([letters[added / 26], letters[added % 26]]))
        added += 1
    }
    #expect(added == 88) // 12 seeded + 88 added = SanctionedNames versions 0...99
    let list = try SanctionsList.load(from: store)
    #expect(list.eventsReadOnLoad == 1)
    #expect(list.entries.count == 100)
    try await bank.removeSanctionedName("SN-0100")
    let again = try await bank.addSanctionedName("Someone Else Entirely")
    #expect(again.entryId == "SN-0101") // a removed id is never reused
    await bank.close()
}

/// The bank-wide views wait for a database out of reach that the store retries by itself, and
/// follow on once it is back; the same failure from a store that does not retry stops them, and
/// catching up says why.
@Test(.timeLimit(.minutes(1))) func theViewsWaitForAStoreOutOfReachThatRetriesAndStopOnOneThatDoesNot() async throws {
    for retries in [true, false] {
        let clock = ManualClock()
        let store = UnreachableStore(MemoryEventStore(clock: clock), retries: retries) { if case .all = $0 { true } else { false } }
        let pauses = Mutex(0)
        let configuration = BankConfiguration(subscriptionTick: nil, sleep: { _ in
            // The follower's pause: the database comes back.
            pauses.withLock { $0 += 1 }
            store.down.withLock { $0 = false }
        })
        let bank = try await Bank(store: store, clock: clock, configuration: configuration)
        try await bank.readModelsCatchUp()
        store.down.withLock { $0 = true }
        let appended = try await store.append(to: "Notes-1", expected: .noStream, events: [EventData(type: "Noted", data: Data("{}".utf8))])
        if retries {
            try await bank.readModelsCatchUp()
            #expect(bank.readModelsProgress.next == appended.lastPosition + 1)
            #expect(pauses.withLock { $0 } >= 1)
        } else {
            await #expect(throws: BankError.store(.unavailable("connection refused"))) { try await bank.readModelsCatchUp() }
        }
        await bank.close()
    }
}
