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
        let first = try PostgresReadModelStateStore(uri: uri, schema: schema, personalData: nil)
        #expect(first.keeps)
        let (seeding, seeded) = try await open(first)
        #expect(seeding.readModelsOrigin == .rebuilt(reason: nil))
        let accounts = seeding.readModels.accounts.count
        try #require(accounts > 0)
        await seeding.close()
        await seeded.close()

        // Another process's bank, while the first still keeps the copy, resumes from it.
        let second = try PostgresReadModelStateStore(uri: uri, schema: schema, personalData: nil)
        #expect(second.keeps == false, "one keeper at a time")
        let (resuming, store) = try await open(second)
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
        let third = try PostgresReadModelStateStore(uri: uri, schema: schema, personalData: nil)
        #expect(third.keeps == false)
        let (latest, latestStore) = try await open(third)
        #expect(latest.readModelsOrigin == .resumed(position: more.lastPosition))
        await latest.close()
        await latestStore.close()
        withExtendedLifetime(second) {}
    }
}
