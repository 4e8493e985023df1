import Foundation
import Store
import Testing
@testable import PostgresStore

/// The next group's first load sent with the previous group's COMMIT (one round trip for
/// both): it runs after that commit, so it decides on what the commit wrote; when the commit
/// fails, the load is void and the connection stays usable.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct EarlyLoadTests {
    typealias Answer = Result<AppendResult, EventStoreError>

    /// Commits `first` with `second`'s load sent after its COMMIT, then `second` on those rows.
    static func commitBoth(_ first: [WriteOp], _ second: [WriteOp], fixture: PostgresFixture, on connection: PostgresConnection) throws -> (first: [Answer], second: [Answer]) {
        let schema = try #require(PostgresSchema(fixture.schema))
        let round = try #require(Committer.rounds(second).first)
        let (firstResults, notes) = try Committer.commit(first, schema: schema, connection: connection, now: Date(), synchronous: true) {
            Committer.loadStatements(round, schema: schema, begin: true, synchronous: true)
        }
        let rows = try #require(try notes.nextLoaded?.get())
        let (secondResults, _) = try Committer.commit(second, schema: schema, connection: connection, now: Date(), synchronous: true, preloaded: rows)
        return (firstResults, secondResults)
    }

    @Test func aGroupLoadedWithThePreviousCommitDecidesOnWhatItWrote() async throws {
        let fixture = try PostgresFixture()
        let connection = try fixture.connect()
        let (first, second) = try Self.commitBoth(
            [.append(stream: "Account-1", expected: .noStream, events: [event(1)])],
            [.append(stream: "Account-1", expected: .exact(0), events: [event(2)]),
             .append(stream: "Account-2", expected: .noStream, events: [event(3)]),
             .append(stream: "Account-1", expected: .noStream, events: [event(4)])],
            fixture: fixture, on: connection)
        #expect(first == [.success(AppendResult(firstVersion: 0, lastVersion: 0, firstPosition: 0, lastPosition: 0))])
        #expect(second == [
            .success(AppendResult(firstVersion: 1, lastVersion: 1, firstPosition: 1, lastPosition: 1)),
            .success(AppendResult(firstVersion: 0, lastVersion: 0, firstPosition: 2, lastPosition: 2)),
            .failure(.wrongExpectedVersion(stream: "Account-1", expected: .noStream, actual: 1)),
        ])
        #expect(try fixture.store.read("$all").map(\.id) == [id(1), id(2), id(3)])
        try await fixture.finish()
    }

    @Test func anAppendRepeatedInTheEarlyGroupIsAnsweredWithTheFirstOnesPositions() async throws {
        let fixture = try PostgresFixture()
        let connection = try fixture.connect()
        let (first, second) = try Self.commitBoth(
            [.append(stream: "Account-1", expected: .any, events: [event(1)])],
            [.append(stream: "Account-1", expected: .any, events: [event(1)])],
            fixture: fixture, on: connection)
        #expect(first == second)
        #expect(try fixture.store.read("Account-1").map(\.id) == [id(1)])
        try await fixture.finish()
    }

    @Test func aFailedCommitVoidsTheEarlyLoadAndTheConnectionCommitsTheGroupAfresh() async throws {
        let fixture = try PostgresFixture()
        let schema = try #require(PostgresSchema(fixture.schema))
        let connection = try fixture.connect()
        // A row the stream table does not know of: the first group decides version 0 for
        // Account-9 and its insert breaks the (stream, version) key, aborting its transaction.
        try connection.execute("""
            INSERT INTO \(schema.events) (position, stream, version, id, type, created, data, metadata)
            VALUES (1000, 'Account-9', 0, $1, 'Happened', 0, ''::bytea, ''::bytea)
            """, [.uuid(id(99))])
        let second: [WriteOp] = [.append(stream: "Account-1", expected: .noStream, events: [event(2)])]
        let round = try #require(Committer.rounds(second).first)
        #expect(throws: PostgresError.self) {
            _ = try Committer.commit([.append(stream: "Account-9", expected: .noStream, events: [event(1)])], schema: schema,
                                     connection: connection, now: Date(), synchronous: true) {
                Committer.loadStatements(round, schema: schema, begin: true, synchronous: true)
            }
        }
        #expect(!connection.isBroken)
        let (results, _) = try Committer.commit(second, schema: schema, connection: connection, now: Date(), synchronous: true)
        #expect(results.count == 1)
        #expect(try results[0].get().firstVersion == 0)
        #expect(try fixture.store.read("Account-1").map(\.id) == [id(2)])
        try await fixture.finish()
    }

    @Test func concurrentAppendersGetDenseVersionsAndEveryEventOnce() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    for n in 0..<25 {
                        _ = try await store.append(to: "Writer-\(writer)", expected: n == 0 ? .noStream : .exact(Int64(n - 1)),
                                                   events: [event(writer * 100 + n)])
                        _ = try await store.append(to: "Shared-1", expected: .any, events: [event(10_000 + writer * 100 + n)])
                    }
                }
            }
            try await group.waitForAll()
        }
        for writer in 0..<16 {
            #expect(try store.read("Writer-\(writer)").map(\.id) == (0..<25).map { id(writer * 100 + $0) })
        }
        let shared = try store.read("Shared-1")
        #expect(shared.map(\.version) == (0..<400).map(Int64.init))
        #expect(Set(shared.map(\.id)).count == 400)
        #expect(try store.read("$all").count == 800)
        try await fixture.finish()
    }
}
