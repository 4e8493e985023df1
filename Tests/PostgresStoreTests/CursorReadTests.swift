import Foundation
import Store
import Testing
@testable import PostgresStore

/// A long `$all` page is read through a cursor, several `FETCH`es in one round trip: the same
/// events, in the same order, as pages of one query each.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct CursorReadTests {
    /// `$all` in pages of `size`, forward or backward from `start`.
    static func pages(_ store: PostgresEventStore, size: Int, from start: StreamPosition, direction: ReadDirection) throws -> [[UUID]] {
        var pages: [[UUID]] = []
        var next = start
        while true {
            let page = try store.read(.all, from: next, direction: direction, maxCount: size)
            guard let last = page.last else { return pages }
            pages.append(page.map(\.id))
            if direction == .backward && last.position == 0 { return pages }
            next = .version(direction == .forward ? Int64(last.position) + 1 : Int64(last.position) - 1)
        }
    }

    @Test func longPagesReadTheSameEventsAsShortOnes() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        _ = try await store.append(to: "Batch-1", expected: .noStream, events: (0..<1_300).map(event))
        let ids = (0..<1_300).map(id)
        #expect(Self.flat(try Self.pages(store, size: 4_096, from: .start, direction: .forward)) == ids)
        #expect(try Self.pages(store, size: 1_000, from: .start, direction: .forward).map(\.count) == [1_000, 300])
        #expect(Self.flat(try Self.pages(store, size: 1_000, from: .start, direction: .forward)) == ids)
        #expect(Self.flat(try Self.pages(store, size: 700, from: .version(250), direction: .forward)) == Array(ids[250...]))
        #expect(Self.flat(try Self.pages(store, size: 1_024, from: .end, direction: .backward)) == ids.reversed())
        #expect(Self.flat(try Self.pages(store, size: 100, from: .start, direction: .forward)) == ids)
        try await fixture.finish()
    }

    @Test func aFailedLongReadLeavesThePooledConnectionUsable() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        _ = try await store.append(to: "Batch-1", expected: .noStream, events: (0..<600).map(event))
        let schema = try #require(PostgresSchema(fixture.schema))
        let connection = try fixture.connect()
        // A page whose position bound does not fit the column's type fails in the cursor.
        #expect(throws: PostgresError.self) {
            _ = try PostgresEventStore.fetching("SELECT \(PostgresEventStore.eventColumns) FROM \(schema.events) WHERE position >= $1::int4 LIMIT $2",
                                                [.int64(Int64.max), .int64(1_000)], limit: 1_000, on: connection)
        }
        #expect(!connection.isBroken)
        #expect(try connection.execute("SELECT 1::int8").int64(0, 0) == 1)
        #expect(try store.read(.all, from: .start, direction: .forward, maxCount: 1_000).count == 600)
        try await fixture.finish()
    }

    static func flat(_ pages: [[UUID]]) -> [UUID] { pages.flatMap { $0 } }
}
