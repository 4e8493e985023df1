import Foundation
import Store
import Testing
@testable import PostgresStore

/// Two stores on one schema behave like two processes sharing the database (shared writers;
/// as the bank opens its store).
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct SharedDatabaseTests {
    @Test func appendsFromTwoProcessesToOneStreamGetDistinctConsecutiveVersions() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try PostgresEventStore.open(uri: first.uri, options: PostgresStoreOptions(schema: first.schema, readConnections: 1, access: .sharedWriter))
        let stores: [PostgresEventStore] = [first.store, second]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for n in 0..<10 {
                        _ = try await stores[writer % 2].append(to: "Account-1", expected: .any, events: [event(writer * 100 + n)])
                    }
                }
            }
            try await group.waitForAll()
        }
        let events = try second.read("Account-1")
        #expect(events.map(\.version) == Array(0..<80))
        #expect(Set(events.map(\.id)).count == 80)
        #expect(first.store.lastVersion(of: "Account-1") == 79)
        #expect(try first.store.read("$ce-Account").map(\.link?.version) == (0..<80).map { Optional(Int64($0)) })
        await second.close()
        try await first.finish()
    }

    @Test func anExpectedVersionIsCheckedAgainstTheOtherProcessesAppends() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try PostgresEventStore.open(uri: first.uri, options: PostgresStoreOptions(schema: first.schema, readConnections: 1, access: .sharedWriter))
        _ = try await first.store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .noStream, actual: 0)) {
            try await second.append(to: "Account-1", expected: .noStream, events: [event(2)])
        }
        #expect(try await second.append(to: "Account-1", expected: .exact(0), events: [event(2)]).lastVersion == 1)
        // The retry of the first process's append is recognised by the second.
        #expect(try await second.append(to: "Account-1", expected: .noStream, events: [event(1)]).lastVersion == 0)
        await second.close()
        try await first.finish()
    }

    @Test func aSecondExclusiveWriterIsRefusedAndAReaderWorksBesideTheWriter() async throws {
        let writer = try PostgresFixture()
        _ = try await writer.store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        #expect(throws: EventStoreError.unavailable("another process is writing schema \(writer.schema) of this database (it was opened as the only writer); read-only commands work beside it")) {
            try PostgresEventStore.open(uri: writer.uri, options: PostgresStoreOptions(schema: writer.schema))
        }
        let reader = try PostgresEventStore.open(uri: writer.uri, options: PostgresStoreOptions(schema: writer.schema, access: .readOnly))
        #expect(try reader.read("Account-1").map(\.id) == [id(1)])
        await #expect(throws: EventStoreError.readOnly) {
            try await reader.append(to: "Account-1", expected: .any, events: [event(2)])
        }
        await reader.close()
        // Once the writer closes, another process may write.
        await writer.store.close()
        let next = try PostgresEventStore.open(uri: writer.uri, options: PostgresStoreOptions(schema: writer.schema))
        #expect(try await next.append(to: "Account-1", expected: .exact(0), events: [event(2)]).lastVersion == 1)
        await next.close()
        try PostgresEventStore.dropSchema(writer.schema, uri: writer.uri)
    }

    @Test func aSubscriberInOneProcessSeesAnotherProcessesAppendLive() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try PostgresEventStore.open(uri: first.uri, options: PostgresStoreOptions(schema: first.schema, readConnections: 1, access: .sharedWriter))
        var iterator = second.subscribe(to: .stream("Account-1")).makeAsyncIterator()
        #expect(try await iterator.next() == .caughtUp)
        _ = try await first.store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        guard case .event(let live) = try await iterator.next() else {
            Issue.record("no live event")
            return
        }
        #expect(live.id == id(1))
        await second.close()
        try await first.finish()
    }
}
