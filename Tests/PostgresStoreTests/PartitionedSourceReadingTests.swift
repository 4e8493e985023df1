import Foundation
import Store
import Testing
@testable import PostgresStore

/// A persistent group's read of its source on PostgreSQL (`readSource`): only the group's
/// partition, and the other partitions' entries skipped.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct PartitionedSourceReadingTests {
    /// 60 events of `Happened` over 12 streams, in 6 appends.
    static func fill(_ store: PostgresEventStore) async throws -> [RecordedEvent] {
        for batch in 0..<6 {
            let appends = (0..<12).map { stream in
                StreamAppend(stream: "Account-\(stream)", expected: .any, events: [event(batch * 100 + stream)])
            }
            for result in await store.append(appends) { _ = try result.get() }
        }
        return try store.read(.eventType("Happened"), from: .start, direction: .forward, maxCount: 1000)
    }

    @Test(arguments: [ConsumerStrategy.roundRobin, .pinned])
    func eachPartitionGetsExactlyItsEventsInOrder(strategy: ConsumerStrategy) async throws {
        let fixture = try PostgresFixture()
        let all = try await Self.fill(fixture.store)
        #expect(all.count == 72)
        var seen: [UUID] = []
        for index in 0..<6 {
            let partition = GroupPartition(index: index, count: 6)
            let page = try #require(try fixture.store.readSource(.eventType("Happened"), from: 0, maxCount: 1000, partition: partition, strategy: strategy))
            #expect(page.events.map(\.id) == all.filter { partition.holds($0, strategy: strategy) }.map(\.id))
            #expect(page.events.map(\.link) == all.filter { partition.holds($0, strategy: strategy) }.map(\.link))
            // Everything up to the index's head was looked at.
            #expect(page.scannedTo == 72)
            seen += page.events.map(\.id)
        }
        #expect(Set(seen) == Set(all.map(\.id)))
        #expect(seen.count == all.count)
        try await fixture.finish()
    }

    /// An event pinned to another stream (`EventData.pinnedTo`) is read by a pinned group in
    /// that stream's partition, in no other, and its key says so, so the group's own check
    /// (`GroupPartition.holds`) keeps it; a round-robin group still places it by its id.
    @Test func anEventPinnedToAnotherStreamIsReadInThatStreamsPartition() async throws {
        let fixture = try PostgresFixture()
        // Twelve events on one ledger-like stream, each pinned to a payment of its own.
        let payments = (0..<12).map { "Payments-Inbound-\($0)" }
        let events = payments.enumerated().map { index, payment in
            var data = event(index)
            data.pinnedTo = payment
            return data
        }
        _ = try await fixture.store.append(to: "Ledger-1", expected: .noStream, events: events)
        let count = 6
        #expect(Set(payments.map { GroupPartition.key(stream: $0) % Int64(count) }).count > 1, "the pins must spread over partitions")
        var seen: [UUID] = []
        for index in 0..<count {
            let partition = GroupPartition(index: index, count: count)
            let page = try #require(try fixture.store.readSource(.eventType("Happened"), from: 0, maxCount: 100, partition: partition, strategy: .pinned))
            let expected = payments.indices.filter { GroupPartition.key(stream: payments[$0]) % Int64(count) == Int64(index) }.map { id($0) }
            #expect(page.events.map(\.id) == expected)
            #expect(page.events.allSatisfy { partition.holds($0, strategy: .pinned) })
            #expect(page.events.map(\.partitionKey) == expected.map { id in GroupPartition.key(stream: payments[events.firstIndex { $0.id == id } ?? 0]) })
            seen += page.events.map(\.id)
            let byId = try #require(try fixture.store.readSource(.eventType("Happened"), from: 0, maxCount: 100, partition: partition, strategy: .roundRobin))
            #expect(byId.events.map(\.id) == events.filter { GroupPartition.key(id: $0.id) % Int64(count) == Int64(index) }.map(\.id))
        }
        #expect(seen.sorted { $0.uuidString < $1.uuidString } == events.map(\.id).sorted { $0.uuidString < $1.uuidString })
        try await fixture.finish()
    }

    @Test func pagesOfAPartitionResumeWhereTheLastEventWas() async throws {
        let fixture = try PostgresFixture()
        let all = try await Self.fill(fixture.store)
        let partition = GroupPartition(index: 2, count: 3)
        var cursor: Int64 = 0
        var read: [RecordedEvent] = []
        var pages = 0
        while pages < 100 {
            pages += 1
            let page = try #require(try fixture.store.readSource(.category("Account"), from: cursor, maxCount: 5, partition: partition, strategy: .roundRobin))
            read += page.events
            if let last = page.events.last { cursor = (last.link?.version ?? -1) + 1 }
            if let scanned = page.scannedTo { cursor = max(cursor, scanned) }
            if page.events.count < 5 { break }
        }
        #expect(read.map(\.id) == all.filter { partition.holds($0, strategy: .roundRobin) }.map(\.id))
        #expect(cursor == 72)
        try await fixture.finish()
    }

    @Test func eventsWrittenBeforeTheKeysExistedAreLeftForTheGroupToCheck() async throws {
        let fixture = try PostgresFixture()
        let all = try await Self.fill(fixture.store)
        try fixture.connect().execute("UPDATE \(fixture.schema).events SET id_key = NULL, stream_key = NULL WHERE version < 3")
        let partition = GroupPartition(index: 0, count: 6)
        let page = try #require(try fixture.store.readSource(.eventType("Happened"), from: 0, maxCount: 1000, partition: partition, strategy: .roundRobin))
        let expected = all.filter { $0.version < 3 || partition.holds($0, strategy: .roundRobin) }
        #expect(page.events.map(\.id) == expected.map(\.id))
        try await fixture.finish()
    }

    @Test func aCountThatDoesNotDivideTheKeysIsReadWhole() async throws {
        let fixture = try PostgresFixture()
        let all = try await Self.fill(fixture.store)
        #expect(!GroupPartition(index: 0, count: 17).isKeyed)
        let page = try #require(try fixture.store.readSource(.eventType("Happened"), from: 0, maxCount: 1000,
                                                             partition: GroupPartition(index: 0, count: 17), strategy: .roundRobin))
        #expect(page.events.map(\.id) == all.map(\.id))
        try await fixture.finish()
    }

    @Test func allAndStreamSourcesAreLeftToRead() async throws {
        let fixture = try PostgresFixture()
        #expect(try fixture.store.readSource(.all, from: 0, maxCount: 10, partition: nil, strategy: .roundRobin) == nil)
        #expect(try fixture.store.readSource(.stream("Account-1"), from: 0, maxCount: 10, partition: nil, strategy: .roundRobin) == nil)
        try await fixture.finish()
    }

    /// Another process's append is seen by a group read once the reader has seen the head move,
    /// whether or not its listener has heard of the commit yet.
    @Test func anotherProcessesAppendIsReadOnceTheHeadMoved() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try PostgresEventStore.open(uri: first.uri, options: PostgresStoreOptions(schema: first.schema, readConnections: 1, access: .sharedWriter))
        for round in 0..<20 {
            let head = second.headPosition
            let before = try #require(try second.readSource(.eventType("Happened"), from: Int64(round), maxCount: 10, partition: nil, strategy: .roundRobin))
            #expect(before.events.isEmpty)
            _ = try await first.store.append(to: "Account-\(round)", expected: .noStream, events: [event(round)])
            await second.waitForEvents(beyond: head)
            let after = try #require(try second.readSource(.eventType("Happened"), from: Int64(round), maxCount: 10, partition: nil, strategy: .roundRobin))
            #expect(after.events.map(\.id) == [id(round)])
        }
        await second.close()
        try await first.finish()
    }
}
