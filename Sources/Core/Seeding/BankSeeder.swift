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
            let (accountEvents, ledgerEvents) = try Self.events(seed, accounts: accounts, ledger: ledger)
            try await write(accounts, .account(seed.account), accountEvents)
            if let ledgerEvents { try await write(ledger, .ledger(seed.account), ledgerEvents) }
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

    // MARK: - Many accounts

    /// Appends per batch of accounts.
    public static let accountsPerBatch = 2_000

    /// Seeds many accounts in batches: each batch is one multi-stream append of the accounts'
    /// opening events and one of their opening balances (a durable store commits each with
    /// one write and one sync), not an append per event. Accounts whose stream exists already
    /// are left alone, so this is idempotent for accounts with deterministic ids.
    /// - Parameter progress: called after each batch with the accounts looked at so far.
    public func seed<S: Sequence>(accounts: S, progress: (Int) -> Void = { _ in }) async throws(EventStoreError) -> Report
        where S.Element == SeedAccount {
        var report = Report(streamsWritten: 0, streamsAlreadySeeded: 0)
        let accountsWriter = DomainWriter(identity: WriterIdentity(domain: .accounts, name: "seed"), store: store)
        let ledgerWriter = DomainWriter(identity: WriterIdentity(domain: .ledger, name: "seed"), store: store)
        var seen = 0
        var batch: [SeedAccount] = []
        batch.reserveCapacity(Self.accountsPerBatch)

        func flush() async throws(EventStoreError) {
            var opened: [(stream: BankStream, expected: ExpectedVersion, events: [EventData])] = []
            var balances: [(stream: BankStream, expected: ExpectedVersion, events: [EventData])] = []
            for seed in batch {
                let (accountEvents, ledgerEvents) = try Self.events(seed, accounts: accountsWriter, ledger: ledgerWriter)
                if store.lastVersion(of: BankStream.account(seed.account).name) == nil {
                    opened.append((.account(seed.account), .noStream, accountEvents))
                } else {
                    report.streamsAlreadySeeded += 1
                }
                guard let ledgerEvents else { continue }
                if store.lastVersion(of: BankStream.ledger(seed.account).name) == nil {
                    balances.append((.ledger(seed.account), .noStream, ledgerEvents))
                } else {
                    report.streamsAlreadySeeded += 1
                }
            }
            for (writer, appends) in [(accountsWriter, opened), (ledgerWriter, balances)] where !appends.isEmpty {
                for result in await writer.append(appends) {
                    switch result {
                    case .success: report.streamsWritten += 1
                    case .failure(.wrongExpectedVersion): report.streamsAlreadySeeded += 1 // written meanwhile by another seeding
                    case .failure(let error): throw error
                    }
                }
            }
            seen += batch.count
            batch.removeAll(keepingCapacity: true)
            progress(seen)
        }

        for account in accounts {
            batch.append(account)
            if batch.count == Self.accountsPerBatch { try await flush() }
        }
        if !batch.isEmpty { try await flush() }
        return report
    }

    /// An account's seed events: its `Accounts-` stream's, and its `Ledger-` stream's opening
    /// balance (nil when it opens empty). Ids derive from the account, as `seed(_:)` writes them.
    static func events(_ seed: SeedAccount, accounts: DomainWriter, ledger: DomainWriter) throws(EventStoreError) -> (account: [EventData], ledger: [EventData]?) {
        let key = "\(seed.account.sortCode.digits)-\(seed.account.accountNumber.digits)"
        var events = [try Self.event(AccountOpened(account: seed.account, holder: seed.holder), key: key, actor: accounts)]
        switch seed.status {
        case .open: break
        case .blocked:
            events.append(try Self.event(AccountBlocked(account: seed.account, reason: "seeded as blocked", by: "seed"), key: key, actor: accounts))
        case .closed:
            events.append(try Self.event(AccountClosed(account: seed.account, reason: "seeded as closed", by: "seed"), key: key, actor: accounts))
        }
        guard seed.openingBalance.pence != 0 else { return (events, nil) }
        let entry = LedgerEntryPosted(account: seed.account, amount: seed.openingBalance, balanceAfter: seed.openingBalance,
                                      kind: .openingBalance, paymentId: nil, description: "Opening balance")
        return (events, [try Self.event(entry, key: key, actor: ledger)])
    }
}
