import Core
import Foundation
import PostgresStore
import Store
import Testing
@testable import Console

/// `BANK_TEST_POSTGRES`: a libpq URI of a server the tests may make schemas in; unset, skipped.
private let postgresURI: String? = ProcessInfo.processInfo.environment["BANK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

/// On PostgreSQL the bank-wide views are saved in the database: a bank opened after another
/// saved them resumes there instead of folding the log, whichever process it runs in; one
/// process at a time keeps (uploads) the saved copy.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"))
struct PostgresSavedViewsTests {
    @Test func aBankOnPostgresResumesTheViewsAnotherSavedInTheDatabase() async throws {
        let uri = try #require(postgresURI)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        defer { try? PostgresEventStore.dropSchema(schema, uri: uri) }
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
        func open(_ saved: PostgresReadModelStateStore) async throws -> (Bank, PostgresEventStore) {
            let store = try PostgresEventStore.open(uri: uri, options: PostgresStoreOptions(schema: schema, clock: clock, readConnections: 2, access: .sharedWriter))
            let bank = try await Bank(store: store, clock: clock, configuration: BankConfiguration(subscriptionTick: nil, readModelState: saved))
            try await bank.readModelsCatchUp()
            return (bank, store)
        }

        // The first bank seeds the database, folds it and (keeping the saved copy) saves at close.
        let first = PostgresReadModelStateStore(uri: uri, schema: schema, personalData: { nil })
        #expect(first.keeps == false, "nothing is asked of the database before the bank opens")
        let (seeding, seeded) = try await open(first)
        #expect(first.keeps)
        #expect(seeding.readModelsOrigin == .rebuilt(reason: nil))
        let accounts = seeding.readModels.accounts.count
        try #require(accounts > 0)
        await seeding.close()
        await seeded.close()

        // Another process's bank, while the first still keeps the copy, resumes from it.
        let second = PostgresReadModelStateStore(uri: uri, schema: schema, personalData: { nil })
        let (resuming, store) = try await open(second)
        #expect(second.keeps == false, "one keeper at a time")
        let head = store.headPosition
        #expect(resuming.readModelsOrigin == .resumed(position: head - 1))
        #expect(resuming.readModels.accounts.count == accounts)

        // The keeper gone, the next save takes over and replaces the copy with its own.
        first.close()
        let more = try await store.append(to: "Other-1", expected: .noStream, events: [EventData(type: "Noted", data: Data("{}".utf8))])
        try await resuming.readModelsCatchUp()
        await resuming.close()
        await store.close()
        #expect(second.keeps)
        let third = PostgresReadModelStateStore(uri: uri, schema: schema, personalData: { nil })
        let (latest, latestStore) = try await open(third)
        #expect(third.keeps == false)
        #expect(latest.readModelsOrigin == .resumed(position: more.lastPosition))
        await latest.close()
        await latestStore.close()
        withExtendedLifetime(second) {}
    }

    /// A database that cannot be read leaves the bank folding the log, saying why.
    @Test func savedViewsThatCannotBeReadAreFoldedFromTheLogWithTheReason() {
        let unreachable = PostgresReadModelStateStore(uri: "postgresql://postgres@/bank?host=/nonexistent-\(UUID().uuidString.prefix(8))&port=5999",
                                                      schema: "bank", personalData: { nil })
        #expect(throws: ReadModelStateError.self) { try unreachable.load() }
        #expect(unreachable.keeps == false)
        #expect(unreachable.emptyOverview(window: 10).accounts.count == 0)
    }
}
