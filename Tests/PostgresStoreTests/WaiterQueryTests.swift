import Foundation
import Store
import Testing
@testable import PostgresStore

/// What a waiter asks on every wake-up reads the primary key's end, never the whole table.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct WaiterQueryTests {
    @Test func theHeldBackQuestionReadsTheIndexWhateverThePlan() async throws {
        let fixture = try PostgresFixture()
        let schema = try #require(PostgresSchema(fixture.schema))
        _ = try await fixture.store.append(to: "Batch-1", expected: .noStream, events: (0..<2_000).map(event))
        let connection = try fixture.connect()
        // A statement's plan once the server stops planning it for each run.
        try connection.execute("SELECT set_config('plan_cache_mode', 'force_generic_plan', false)")
        let sql = PostgresEventStore.committedAtOrAboveSQL(schema)
        let rows = try connection.execute("EXPLAIN " + sql, [.int64(1_999)])
        let plan = (0..<rows.count).compactMap { rows.text($0, 0) }
        #expect(plan.contains { $0.contains("Index Only Scan Backward using events_pkey") })
        #expect(!plan.contains { $0.contains("Seq Scan") })
        #expect(try connection.execute(sql, [.int64(1_999)]).bool(0, 0) == true)
        #expect(try connection.execute(sql, [.int64(2_000)]).bool(0, 0) == false)
        try await fixture.finish()
    }
}
