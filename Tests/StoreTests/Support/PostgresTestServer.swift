import Foundation
import PostgresStore
import Store
import Testing

/// The PostgreSQL server the conformance suite also runs against: `BANK_TEST_POSTGRES`, a
/// libpq URI (`.ci/run` starts a throwaway cluster and sets it). Unset: those tests skip.
enum PostgresTestServer {
    static let uri: String? = {
        guard let value = ProcessInfo.processInfo.environment["BANK_TEST_POSTGRES"], !value.isEmpty else { return nil }
        return value
    }()

    /// A store in a fresh schema (`t_` and a random id), dropped by `finish()`.
    static func make(clock: ManualClock) throws -> StoreUnderTest {
        guard let uri else { throw EventStoreError.unavailable("BANK_TEST_POSTGRES is not set") }
        let schema = freshSchema()
        let store = try PostgresEventStore.open(uri: uri, options: PostgresStoreOptions(schema: schema, clock: clock, readConnections: 2))
        return StoreUnderTest(store: store, directory: nil, cleanup: {
            do { try PostgresEventStore.dropSchema(schema, uri: uri) } catch { Issue.record("could not drop schema \(schema): \(error)") }
        })
    }

    /// A schema name no other test uses.
    static func freshSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

/// Says, once per run, whether the PostgreSQL conformance tests run or skip.
@Suite struct PostgresConformanceNote {
    @Test(.enabled(if: PostgresTestServer.uri == nil, "BANK_TEST_POSTGRES is set: the PostgreSQL backend runs in every conformance test"))
    func postgresConformanceTestsSkipWithoutBankTestPostgres() {
        print("note: BANK_TEST_POSTGRES is not set; the conformance suite skips the PostgreSQL backend (see README, PostgreSQL)")
        #expect(PostgresTestServer.uri == nil)
    }
}
