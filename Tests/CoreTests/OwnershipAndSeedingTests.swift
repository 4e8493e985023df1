import Foundation
import Store
import Testing
@testable import Core

@Test func aDomainMayNotWriteAnotherDomainsStream() async throws {
    let store = MemoryEventStore(clock: ManualClock())
    let payments = DomainWriter(identity: WriterIdentity(domain: .payments, name: "inbound-payments"), store: store)
    let event = EventData(id: DerivedEventID.make(name: "x"), type: LedgerEntryPosted.eventType, data: Data("{}".utf8))
    await #expect(throws: EventStoreError.notOwner(writer: "Payments/inbound-payments", stream: "Ledger-401234-11111299")) {
        try await payments.append(to: .ledger(BankFixture.ada), expected: .any, events: [event])
    }
    await #expect(throws: EventStoreError.notOwner(writer: "Payments/inbound-payments", stream: "Accounts-401234-11111299")) {
        try await payments.append(toStreamNamed: "Accounts-401234-11111299", expected: .any, events: [event])
    }
    await #expect(throws: EventStoreError.notOwner(writer: "Payments/inbound-payments", stream: "Random-stream")) {
        try await payments.append(toStreamNamed: "Random-stream", expected: .any, events: [event])
    }
    #expect(store.headPosition == 0)
}

@Test func eachDomainOwnsExactlyItsStreams() {
    #expect(BankStream.account(BankFixture.ada).owner == .accounts)
    #expect(BankStream.ledger(BankFixture.ada).owner == .ledger)
    #expect(BankStream.sanctionedNames.owner == .sanctions)
    #expect(BankStream.sanctionsSnapshots.owner == .sanctions)
    #expect(BankStream.payment(.inbound, BankFixture.paymentId).owner == .payments)
    #expect(BankStream.scheme(.chaps).owner == .scheme)
}

@Test func theProcessorsWriteOnlyTheirOwnDomainsStreams() async throws {
    let bank = try await BankFixture(rejectPercent: 50)
    try await bank.schemeSends()
    try await bank.operatorSends()
    try await bank.run()
    for event in try bank.store.read(.all) {
        guard let metadata = BankCodec.metadata(of: event), let actor = metadata.actor, let stream = BankStream(name: event.stream) else { continue }
        #expect(actor.hasPrefix(stream.owner.rawValue + "/"), "\(actor) wrote \(event.stream)")
    }
}

@Test func theBundledSeedsParseWithTwentyAccountsAndSomeBlockedOrClosed() throws {
    let directory = try #require(BundledSeeds.directory)
    let files = try SeedFiles(directory: directory)
    #expect(files.accounts.count >= 20)
    #expect(files.accounts.contains { $0.status == .blocked })
    #expect(files.accounts.contains { $0.status == .closed })
    #expect(files.sanctionedNames.count >= 10)
    #expect(files.sanctionedNames.contains { !$0.aliases.isEmpty })
}

@Test func seedingTwiceChangesNothing() async throws {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    let files = try SeedFiles(directory: try #require(BundledSeeds.directory))
    let first = try await BankSeeder(store: store, clock: clock).seed(files)
    let head = store.headPosition
    let second = try await BankSeeder(store: store, clock: clock).seed(files)
    #expect(store.headPosition == head)
    #expect(first.streamsWritten > 20 && first.streamsAlreadySeeded == 0)
    #expect(second.streamsWritten == 0 && second.streamsAlreadySeeded == first.streamsWritten)
}

@Test func seedingAfterOperatorChangesLeavesThemAlone() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    try await bank.block(sortCode: "401234", accountNumber: "10000329", reason: "Fraud check")
    let head = store.headPosition
    try await bank.seed()
    #expect(store.headPosition == head)
    #expect(try bank.account(sortCode: "401234", accountNumber: "10000329").state.status == .blocked)
    await bank.close()
}

@Test(arguments: [
    ("40-12-34 | 10000329 | Ada | open", "accounts.txt:1: expected 5 fields separated by |, found 4"),
    ("40-12-3 | 10000329 | Ada | open | 1.00", "accounts.txt:1: \"40-12-3 10000329\" is not a 6-digit sort code and an 8-digit account number"),
    ("40-12-34 | 10000329 | Ada | frozen | 1.00", "accounts.txt:1: status \"frozen\" is not open, blocked or closed"),
    ("# c\n40-12-34 | 10000329 | Ada | open | -1.00", "accounts.txt:2: opening balance \"-1.00\" is not a non-negative amount with at most 2 decimals"),
])
func malformedSeedLinesAreRefusedWithFileAndLine(text: String, message: String) {
    #expect(throws: SeedError.self) { try SeedFiles.parseAccounts(text) }
    do {
        _ = try SeedFiles.parseAccounts(text)
    } catch {
        #expect(error.description == message)
    }
}
