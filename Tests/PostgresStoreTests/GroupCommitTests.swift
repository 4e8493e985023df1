import Foundation
import Store
import Synchronization
import Testing
@testable import PostgresStore

/// Group commit: several appenders' batches in one transaction, answered each on its own once
/// the flusher made the group durable.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct GroupCommitTests {
    typealias Answer = Result<AppendResult, EventStoreError>

    /// Commits the batches as the writer commits one group (one transaction on a connection of
    /// the test's own), then has `flusher` answer them; each batch's answer, in order.
    static func commitGroup(_ batches: [[WriteOp]], fixture: PostgresFixture, flusher: Flusher) async throws -> [[Answer]] {
        let schema = try #require(PostgresSchema(fixture.schema))
        let epoch = flusher.epoch
        let (results, _) = try Committer.commit(batches.flatMap { $0 }, schema: schema, connection: try fixture.connect(), now: Date())
        return await answer(batches, results, epoch: epoch, flusher: flusher)
    }

    /// Hands the results of a committed group to `flusher` and waits for every batch's answer.
    static func answer(_ batches: [[WriteOp]], _ results: [Answer], epoch: UInt64, flusher: Flusher) async -> [[Answer]] {
        await withCheckedContinuation { continuation in
            let answers = Mutex<[Int: [Answer]]>([:])
            let group = batches.enumerated().map { index, ops in
                WriteBatch(ops: ops) { slice in
                    let all = answers.withLock { answers -> [[Answer]]? in
                        answers[index] = slice
                        return answers.count == batches.count ? (0..<batches.count).map { answers[$0] ?? [] } : nil
                    }
                    if let all { continuation.resume(returning: all) }
                }
            }
            flusher.add(Flusher.Group(batches: group, results: results, epoch: epoch))
        }
    }

    /// A flusher of the fixture's schema on its own session; the session's backend pid.
    static func startFlusher(_ fixture: PostgresFixture) throws -> (Flusher, Int64) {
        let schema = try #require(PostgresSchema(fixture.schema))
        let session = try Flusher.connect(fixture.uri)
        let pid = try #require(try session.execute("SELECT pg_backend_pid()::int8").int64(0, 0))
        let flusher = Flusher(conninfo: fixture.uri, schema: schema)
        flusher.start(UnsafeSendable(session)) { _ in }
        return (flusher, pid)
    }

    /// Commits one append (event 1 to a new `Account-1`) on `connection`, asynchronously as the
    /// writer commits a group; the op and its result, not answered yet.
    static func commitOneAppend(_ fixture: PostgresFixture, on connection: PostgresConnection) throws -> ([WriteOp], [Answer]) {
        let schema = try #require(PostgresSchema(fixture.schema))
        let ops: [WriteOp] = [.append(stream: "Account-1", expected: .noStream, events: [event(1)])]
        return (ops, try Committer.commit(ops, schema: schema, connection: connection, now: Date()).results)
    }

    static func stop(_ flusher: Flusher) {
        flusher.close()
        flusher.wait()
    }

    @Test func aWrongExpectedVersionInTheMiddleOfAGroupFailsOnlyThatAppend() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        _ = try await store.append(to: "Account-2", expected: .noStream, events: [event(1)])
        let (flusher, _) = try Self.startFlusher(fixture)
        let answers = try await Self.commitGroup([
            [.append(stream: "Account-1", expected: .noStream, events: [event(2)])],
            [.append(stream: "Account-2", expected: .exact(5), events: [event(3)])],
            [.append(stream: "Account-3", expected: .noStream, events: [event(4), event(5)])],
        ], fixture: fixture, flusher: flusher)
        #expect(answers == [
            [.success(AppendResult(firstVersion: 0, lastVersion: 0, firstPosition: 1, lastPosition: 1))],
            [.failure(.wrongExpectedVersion(stream: "Account-2", expected: .exact(5), actual: 0))],
            [.success(AppendResult(firstVersion: 0, lastVersion: 1, firstPosition: 2, lastPosition: 3))],
        ])
        await store.waitForEvents(beyond: 3) // past the cluster's horizon (see concurrentAppenders…)
        #expect(try store.read("$all").map(\.id) == [id(1), id(2), id(4), id(5)])
        #expect(try store.read("Account-2").map(\.id) == [id(1)])
        Self.stop(flusher)
        try await fixture.finish()
    }

    @Test func aDuplicateAppendInsideAGroupIsAnsweredWithTheFirstOnesVersionsAndPositions() async throws {
        let fixture = try PostgresFixture()
        let (flusher, _) = try Self.startFlusher(fixture)
        let twice: WriteOp = .append(stream: "Account-1", expected: .any, events: [event(1), event(2)])
        let answers = try await Self.commitGroup([[twice], [twice], [.append(stream: "Account-2", expected: .noStream, events: [event(3)])]],
                                                 fixture: fixture, flusher: flusher)
        let first = AppendResult(firstVersion: 0, lastVersion: 1, firstPosition: 0, lastPosition: 1)
        #expect(answers == [[.success(first)], [.success(first)],
                            [.success(AppendResult(firstVersion: 0, lastVersion: 0, firstPosition: 2, lastPosition: 2))]])
        #expect(try fixture.store.read("Account-1").map(\.id) == [id(1), id(2)])
        await fixture.store.waitForEvents(beyond: 2) // past the cluster's horizon (see concurrentAppenders…)
        #expect(try fixture.store.read("$all").map(\.id) == [id(1), id(2), id(3)])
        Self.stop(flusher)
        try await fixture.finish()
    }

    @Test func aGroupIsAnsweredOnlyOnceTheWALIsOnDiskPastItsCommit() async throws {
        let fixture = try PostgresFixture()
        let (flusher, _) = try Self.startFlusher(fixture)
        let committing = try fixture.connect()
        let (ops, results) = try Self.commitOneAppend(fixture, on: committing)
        let committed = try #require(try committing.execute("SELECT pg_current_wal_insert_lsn()::text").text(0, 0))
        _ = await Self.answer([ops], results, epoch: flusher.epoch, flusher: flusher)
        #expect(try committing.execute("SELECT pg_current_wal_flush_lsn() >= $1::text::pg_lsn", [.text(committed)]).bool(0, 0) == true)
        Self.stop(flusher)
        try await fixture.finish()
    }

    @Test func aFlushOnALostConnectionAnswersSuccessOnlyForAppendsTheTableHolds() async throws {
        let fixture = try PostgresFixture()
        let (flusher, pid) = try Self.startFlusher(fixture)
        let epoch = flusher.epoch
        let (ops, results) = try Self.commitOneAppend(fixture, on: try fixture.connect())
        // The flusher's session goes before it flushes; and a success the server does not hold
        // (as after a crash that lost an unflushed commit) rides in the same group.
        #expect(try fixture.connect().execute("SELECT pg_terminate_backend($1::int8::int4, 5000)", [.int64(pid)]).bool(0, 0) == true)
        let lost: WriteOp = .append(stream: "Account-9", expected: .noStream, events: [event(9)])
        let answers = await Self.answer([ops, [lost]], results + [.success(AppendResult(firstVersion: 0, lastVersion: 0, firstPosition: 7, lastPosition: 7))],
                                        epoch: epoch, flusher: flusher)
        #expect(answers == [
            [.success(AppendResult(firstVersion: 0, lastVersion: 0, firstPosition: 0, lastPosition: 0))],
            [.failure(.unavailable("the connection was lost before the append was durable and it is not in the store: retrying with the same event ids is safe"))],
        ])
        #expect(flusher.epoch == epoch + 1)
        Self.stop(flusher)
        try await fixture.finish()
    }

    @Test func concurrentAppendersAreEachAnsweredWithTheirOwnVersions() async throws {
        let fixture = try PostgresFixture()
        let store = fixture.store
        let answers = try await withThrowingTaskGroup(of: (Int, [Int64]).self) { group in
            for writer in 0..<16 {
                group.addTask {
                    var versions: [Int64] = []
                    for n in 0..<10 {
                        let expected: ExpectedVersion = n == 0 ? .noStream : .exact(Int64(n - 1))
                        versions.append(try await store.append(to: "Writer-\(writer)", expected: expected, events: [event(writer * 100 + n)]).lastVersion)
                    }
                    return (writer, versions)
                }
            }
            var all: [Int: [Int64]] = [:]
            for try await (writer, versions) in group { all[writer] = versions }
            return all
        }
        #expect(answers.count == 16)
        #expect(answers.values.allSatisfy { $0 == Array(0..<10) })
        // `$all` is read up to the cluster's transaction horizon, which a transaction of another
        // test running beside this one may hold back for a moment: wait until it has passed.
        await store.waitForEvents(beyond: 159)
        #expect(try store.read("$all", maxCount: 1_000).count == 160)
        try await fixture.finish()
    }
}
