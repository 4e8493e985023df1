import Foundation
import Store

/// Writes the seed files into a store, idempotently: each seeded stream's first events have ids
/// derived from what they seed and are appended with `no-stream`, so a second run writes nothing.
public struct BankSeeder: Sendable {
    /// What one run wrote.
    public struct Report: Sendable, Hashable {
        /// Streams that got their seed events in this run.
        public var streamsWritten: Int
        /// Streams whose seed events were already there.
        public var streamsAlreadySeeded: Int
    }

    let store: any EventStore
    let clock: any StoreClock

    public init(store: any EventStore, clock: any StoreClock) {
        self.store = store
        self.clock = clock
    }

    /// Seeds `files` into the store.
    public func seed(_ files: SeedFiles) async throws(EventStoreError) -> Report {
        var report = Report(streamsWritten: 0, streamsAlreadySeeded: 0)
        let accounts = DomainWriter(identity: WriterIdentity(domain: .accounts, name: "seed"), store: store)
        let ledger = DomainWriter(identity: WriterIdentity(domain: .ledger, name: "seed"), store: store)
        let sanctions = DomainWriter(identity: WriterIdentity(domain: .sanctions, name: "seed"), store: store)

        func write(_ writer: DomainWriter, _ stream: BankStream, _ events: [EventData]) async throws(EventStoreError) {
            let before = store.lastVersion(of: stream.name)
            _ = try await writer.append(to: stream, expected: .noStream, events: events)
            if before == nil { report.streamsWritten += 1 } else { report.streamsAlreadySeeded += 1 }
        }

        for seed in files.accounts {
            let key = "\(seed.account.sortCode.digits)-\(seed.account.accountNumber.digits)"
            var events = [try Self.event(AccountOpened(account: seed.account, holder: seed.holder), key: key, actor: accounts)]
            switch seed.status {
            case .open: break
            case .blocked:
                events.append(try Self.event(AccountBlocked(account: seed.account, reason: "seeded as blocked", by: "seed"), key: key, actor: accounts))
            case .closed:
                events.append(try Self.event(AccountClosed(account: seed.account, reason: "seeded as closed", by: "seed"), key: key, actor: accounts))
            }
            try await write(accounts, .account(seed.account), events)
            if seed.openingBalance.pence != 0 {
                let entry = LedgerEntryPosted(account: seed.account, amount: seed.openingBalance, balanceAfter: seed.openingBalance,
                                              kind: .openingBalance, paymentId: nil, description: "Opening balance")
                try await write(ledger, .ledger(seed.account), [try Self.event(entry, key: key, actor: ledger)])
            }
        }
        if !files.sanctionedNames.isEmpty {
            let events = try files.sanctionedNames.map { entry throws(EventStoreError) in
                try Self.event(SanctionedNameAdded(entry: entry, by: "seed"), key: entry.entryId, actor: sanctions)
            }
            try await write(sanctions, .sanctionedNames, events)
        }
        return report
    }

    static func event<E: BankEventType>(_ event: E, key: String, actor: DomainWriter) throws(EventStoreError) -> EventData {
        let name = "seed:\(E.eventType):\(key)"
        let id = DerivedEventID.make(name: name)
        let metadata = EventMetadata(correlationId: name, causationId: name, actor: actor.identity.description)
        do { return try BankCodec.eventData(event, id: id, metadata: metadata) } catch { throw error.storeError }
    }
}
