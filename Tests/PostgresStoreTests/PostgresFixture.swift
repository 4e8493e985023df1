import Foundation
import Store
@testable import PostgresStore

/// The server `BANK_TEST_POSTGRES` names (a libpq URI); nil skips these tests.
let postgresURI: String? = {
    guard let value = ProcessInfo.processInfo.environment["BANK_TEST_POSTGRES"], !value.isEmpty else { return nil }
    return value
}()

/// A store in a schema of its own on the test server, and raw connections beside it.
struct PostgresFixture {
    let uri: String
    let schema: String
    let store: PostgresEventStore

    /// `applicationName` tags the store's connections so a test can find (and kill) them.
    init(applicationName: String? = nil, clock: ManualClock = ManualClock(), access: PostgresStoreOptions.Access = .exclusiveWriter) throws {
        guard let base = postgresURI else { throw EventStoreError.unavailable("BANK_TEST_POSTGRES is not set") }
        uri = applicationName.map { base + (base.contains("?") ? "&" : "?") + "application_name=" + $0 } ?? base
        schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        store = try PostgresEventStore.open(uri: uri, options: PostgresStoreOptions(schema: schema, clock: clock, readConnections: 2, access: access))
    }

    /// A connection of the test's own, outside the store.
    func connect() throws -> PostgresConnection {
        try PostgresConnection.connect(uri)
    }

    func finish() async throws {
        await store.close()
        try PostgresEventStore.dropSchema(schema, uri: uri)
    }
}

/// Deterministic ids: `id(1)` is `00000000-0000-0000-0000-000000000001`.
func id(_ n: Int) -> UUID {
    let hex = String(n, radix: 16)
    return UUID(uuidString: "00000000-0000-0000-0000-" + String(repeating: "0", count: 12 - hex.count) + hex) ?? UUID()
}

func event(_ n: Int) -> EventData {
    EventData(id: id(n), type: "Happened", data: Data("{\"n\":\(n)}".utf8))
}
