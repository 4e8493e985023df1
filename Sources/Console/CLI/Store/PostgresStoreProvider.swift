import Core
import Foundation
import PostgresStore
import Store

/// Opens the bank's store in a PostgreSQL database (schema `bank`, created on first use).
///
/// Unlike a data directory, a database takes several writing processes at once (shared
/// writers: every append is checked in its transaction, and the bank's processors split their
/// work by lease, `SharedProcessorRunner`); read-only opens work beside them.
struct PostgresStoreProvider: StoreProvider {
    /// The schema the bank's tables live in.
    static let schema = "bank"

    /// A database whose store has no events yet reads as missing, so the first write command
    /// seeds it (seeding is idempotent). An unreachable server reads as a store, so opening it
    /// reports why it cannot be reached.
    func inspect(_ location: URL) -> StoreDirectory {
        switch Result(catching: { () throws(EventStoreError) -> Bool in
            try PostgresEventStore.hasEvents(uri: location.absoluteString, schema: Self.schema)
        }) {
        case .success(true), .failure: .store
        case .success(false): .missing
        }
    }

    func openForWriting(at location: URL) async throws -> StoreHandle {
        let store = try PostgresEventStore.open(uri: location.absoluteString, options: PostgresStoreOptions(schema: Self.schema, access: .sharedWriter))
        return try await Self.handle(store, at: location)
    }

    func openReadOnly(at location: URL) async throws -> StoreHandle {
        let store = try PostgresEventStore.open(uri: location.absoluteString, options: PostgresStoreOptions(schema: Self.schema, access: .readOnly))
        return try await Self.handle(store, at: location)
    }

    /// The personal-data key store of the database at `location` (table `bank.customer_keys`).
    static func keyTable(at location: URL) throws -> PostgresKeyTable {
        try PostgresKeyTable.open(uri: location.absoluteString, schema: schema)
    }

    /// A handle on `store` with its key store registered until it closes.
    private static func handle(_ store: PostgresEventStore, at location: URL) async throws -> StoreHandle {
        let keys: PostgresKeyTable
        do {
            keys = try keyTable(at: location)
        } catch {
            await store.close()
            throw error
        }
        PersonalDataKeyring.register(PersonalData(keys: PostgresCustomerKeyStore(table: keys)), for: store)
        return StoreHandle(store: store, close: {
            await store.close()
            PersonalDataKeyring.unregister(store)
            keys.close()
        })
    }

    /// The database keeps the log's integrity itself (constraints, WAL); this reads every
    /// stream back and checks that its entries are its own events.
    func verify(at location: URL) async throws -> VerificationSummary {
        let handle = try await openReadOnly(at: location)
        do {
            let head = handle.store.headPosition
            let lines = ["database: \(StoreLocation.describe(location)), schema \(Self.schema), head position \(head)",
                         try FileStoreProvider.checkIndex(handle.store)]
            await handle.close()
            return VerificationSummary(lines: lines, events: head)
        } catch {
            await handle.close()
            throw error
        }
    }
}

/// The one opener: turns a store location (a directory or a PostgreSQL URI) into a store for
/// every command and for the console.
struct StoreOpener: StoreProvider {
    var files = FileStoreProvider()
    var postgres = PostgresStoreProvider()

    private func provider(for location: URL) -> any StoreProvider {
        StoreLocation.isPostgres(location) ? postgres : files
    }

    func inspect(_ location: URL) -> StoreDirectory { provider(for: location).inspect(location) }
    func openForWriting(at location: URL) async throws -> StoreHandle { try await provider(for: location).openForWriting(at: location) }
    func openReadOnly(at location: URL) async throws -> StoreHandle { try await provider(for: location).openReadOnly(at: location) }
    func verify(at location: URL) async throws -> VerificationSummary { try await provider(for: location).verify(at: location) }
    func rebuildIndex(at location: URL) async throws -> UInt64 { try await provider(for: location).rebuildIndex(at: location) }
}
