import Foundation
import Store
import Testing
@testable import PostgresStore

/// `lastVersion` on a store another process writes: answered from the versions notifications
/// bring (`StreamVersions`) only when they cover what the asking process has seen.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct SharedLastVersionTests {
    static func second(_ first: PostgresFixture) throws -> PostgresEventStore {
        try PostgresEventStore.open(uri: first.uri, options: PostgresStoreOptions(schema: first.schema, readConnections: 1, access: .sharedWriter))
    }

    @Test func aProcessThatHasReadAnotherProcesssAppendSeesItsVersionWhetherOrNotTheNotificationCame() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try Self.second(first)
        #expect(second.lastVersion(of: "Account-1") == nil)
        _ = try await first.store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
        #expect(try second.read("Account-1").map(\.version) == [0, 1])
        #expect(second.lastVersion(of: "Account-1") == 1)
        _ = try await first.store.append(to: "Account-1", expected: .exact(1), events: [event(3)])
        #expect(try second.read("Account-1").map(\.version) == [0, 1, 2])
        #expect(second.lastVersion(of: "Account-1") == 2)
        await second.close()
        try await first.finish()
    }

    @Test func aStreamDeletedByAnotherProcessHasNoVersionOnceItsDeletionIsSeen() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try Self.second(first)
        _ = try await first.store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        #expect(try second.read("Account-1").count == 1)
        #expect(second.lastVersion(of: "Account-1") == 0)
        try await first.store.delete(stream: "Account-1", expected: .exact(0))
        let deletion = try #require(try first.store.read("$$Account-1").last)
        _ = try second.event(at: deletion.position)
        #expect(second.lastVersion(of: "Account-1") == nil)
        await second.close()
        try await first.finish()
    }

    @Test func aWaiterWokenByAnotherProcesssCommitFindsItsVersionsApplied() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try Self.second(first)
        // Its listener listens (it starts on a thread of its own as the store opens).
        while second.listener.versions.ticket() == nil { await Task.yield() }
        #expect(second.lastVersion(of: "Account-1") == nil)
        let head = second.headPosition
        _ = try await first.store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        await second.waitForEvents(beyond: head)
        // The wake-up came from the notification, which carried the stream's version.
        #expect(second.listener.versions.lookup("Account-1", covering: head + 1) == .version(0))
        #expect(second.lastVersion(of: "Account-1") == 0)
        await second.close()
        try await first.finish()
    }
}
