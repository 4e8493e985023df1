import Foundation
import Store
import Testing
@testable import PostgresStore

/// The writer's session plans its statements for index access whatever the table's size: on
/// a young events table the server's own choice for the idempotency look-up was a hash join
/// over a scan of the whole table, a cost that grew with the log.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct WriterSessionTests {
    /// The plan's lines for the committer's stream-row and idempotency statement on
    /// `connection`, for a group of 64 appends.
    static func plan(on connection: PostgresConnection, schema: PostgresSchema) throws -> [String] {
        let streams = (0..<64).map { "Account-\($0)" }
        let rows = try connection.execute("EXPLAIN " + Committer.rowsAndCandidatesSQL(schema),
                                          [.texts(streams), .texts(streams), .uuids((0..<64).map(id))])
        return (0..<rows.count).compactMap { rows.text($0, 0) }
    }

    @Test func theIdempotencyLookUpReadsTheIndexOnAYoungTable() async throws {
        let fixture = try PostgresFixture()
        let schema = try #require(PostgresSchema(fixture.schema))
        let writer = try Self.plan(on: try PostgresEventStore.connectWriter(fixture.uri), schema: schema)
        #expect(writer.contains { $0.contains("Index Scan using events_stream_id_idx") })
        #expect(!writer.contains { $0.contains("Seq Scan on events") })
        // What the server chooses by itself for the same statement and table.
        let plain = try Self.plan(on: try fixture.connect(), schema: schema)
        #expect(plain.contains { $0.contains("Seq Scan on events") })
        try await fixture.finish()
    }
}
