import Foundation
import Store
import Testing
@testable import PostgresStore

/// Whether the late-commit tests run: they hold transactions open, which holds back the `$all`
/// horizon of every store on the cluster, so they run alone (`.ci/run` runs them in a second
/// step with `BANK_TEST_POSTGRES_LATE_COMMITS=1` and `--filter LateCommitTests`).
let lateCommitTestsRun = postgresURI != nil && ProcessInfo.processInfo.environment["BANK_TEST_POSTGRES_LATE_COMMITS"] == "1"

/// `$all` on PostgreSQL never skips a transaction that took a lower position but commits after
/// higher ones: readers stop at the transaction-id horizon until it is done.
@Suite(.serialized, .enabled(if: lateCommitTestsRun, "late-commit tests run alone: set BANK_TEST_POSTGRES and BANK_TEST_POSTGRES_LATE_COMMITS=1 and --filter LateCommitTests"),
       .timeLimit(.minutes(1)))
struct LateCommitTests {
    /// Inserts an event the way a writer that ignores the store's lock would, in a transaction
    /// the test leaves open: it holds a low position while later appends commit above it.
    static func beginSlowInsert(_ connection: PostgresConnection, schema: String, stream: String, eventId: UUID, notify: Bool = true) throws -> Int64 {
        try connection.execute("BEGIN")
        let rows = try connection.execute("""
            INSERT INTO \(schema).events (stream, version, id, type, created, data, metadata)
            VALUES ($1, 0, $2, 'Slow', 0, '\\x'::bytea, '\\x'::bytea) RETURNING position
            """, [.text(stream), .uuid(eventId)])
        if notify { try connection.execute("SELECT pg_notify($1, '')", [.text(schema + "_appended")]) }
        return rows.int64(0, 0) ?? -1
    }

    @Test func aCatchUpReaderSeesALateCommitExactlyOnceAndInOrder() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        let reader = Task {
            var positions: [UInt64] = []
            for try await message in store.subscribe(to: .all) {
                if case .event(let event) = message { positions.append(event.position) }
                if positions.count == 5 { break }
            }
            return positions
        }
        let slow = try fixture.connect()
        let slowPosition = try Self.beginSlowInsert(slow, schema: fixture.schema, stream: "Slow-1", eventId: id(2))
        #expect(slowPosition == 1)
        for n in 3...5 { _ = try await store.append(to: "Account-2", expected: .any, events: [event(n)]) }

        // Committed above position 1, but below the horizon nothing past position 0 is read.
        #expect(try store.read("$all").map(\.position) == [0])
        #expect(store.headPosition == 1)
        #expect(try store.read("$all", from: .end, direction: .backward).map(\.position) == [0])

        try slow.execute("COMMIT")
        #expect(try await reader.value == [0, 1, 2, 3, 4])
        #expect(try store.read("$all").map(\.id) == [id(1), id(2), id(3), id(4), id(5)])
        try await fixture.finish()
    }

    @Test func aLiveReaderHeldAtTheHorizonCarriesOnWhenTheLateTransactionEndsWithoutNotifying() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        let slow = try fixture.connect()
        _ = try Self.beginSlowInsert(slow, schema: fixture.schema, stream: "Slow-1", eventId: id(1), notify: false)
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(2)])
        var iterator = store.subscribe(to: .all).makeAsyncIterator()
        #expect(try await iterator.next() == .caughtUp)
        let reader = Task {
            var ids: [UUID] = []
            while ids.count < 2, let message = try await iterator.next() {
                if case .event(let event) = message { ids.append(event.id) }
            }
            return ids
        }
        try slow.execute("COMMIT")
        #expect(try await reader.value == [id(1), id(2)])
        try await fixture.finish()
    }

    /// A waiter that has already rechecked while the horizon was held back (not only one that
    /// had not yet looked) sees the head move when the late transaction ends without a
    /// notification, and returns.
    @Test func aWaiterThatRecheckedAtTheHorizonWakesWhenTheLateTransactionEndsWithoutNotifying() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        let slow = try fixture.connect()
        _ = try Self.beginSlowInsert(slow, schema: fixture.schema, stream: "Slow-1", eventId: id(1), notify: false)
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(2)])
        #expect(store.headPosition == 0)
        let rechecks = store.horizonRechecks.load(ordering: .relaxed)
        let waiter = Task { await store.waitForEvents(beyond: 0) }
        // The waiter has read the held-back head and gone to sleep before its recheck.
        while store.horizonRechecks.load(ordering: .relaxed) == rechecks { await Task.yield() }
        try slow.execute("COMMIT")
        await waiter.value
        #expect(store.headPosition == 2)
        try await fixture.finish()
    }

    @Test func interleavedSlowTransactionsNeverLetAReaderSkipOrRepeat() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        var generator = SplitMix64(seed: 12)
        var expected = 0
        var open: [PostgresConnection] = []
        var read: [UInt64] = []
        var next: UInt64 = 0
        func drain() throws {
            let page = try store.read(.all, from: .version(Int64(next)), direction: .forward, maxCount: 1_000)
            read += page.map(\.position)
            if let last = page.last { next = last.position + 1 }
        }
        for round in 0..<40 {
            switch generator.next() % 3 {
            case 0:
                let connection = try fixture.connect()
                _ = try Self.beginSlowInsert(connection, schema: fixture.schema, stream: "Slow-\(round)", eventId: id(10_000 + round))
                open.append(connection)
                expected += 1
            case 1:
                _ = try await store.append(to: "Account-\(round % 4)", expected: .any, events: [event(round), event(1_000 + round)])
                expected += 2
            default:
                if !open.isEmpty {
                    let index = Int(generator.next() % UInt64(open.count))
                    try open.remove(at: index).execute("COMMIT")
                }
            }
            try drain()
        }
        for connection in open { try connection.execute("COMMIT") }
        try drain()
        #expect(read.count == expected)
        #expect(read == read.sorted())
        #expect(Set(read).count == read.count)
        try await fixture.finish()
    }
}
