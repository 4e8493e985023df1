import Foundation
@testable import Store
import Testing

/// Recovery across a real reopen of the durable store: the subscription and projection state
/// that survives is only what reached the files.
@Suite(.timeLimit(.minutes(1))) struct PersistentFileStoreTests {
    static func open(_ directory: TemporaryDirectory, clock: ManualClock) throws -> FileEventStore {
        try FileEventStore.open(directory: directory.url, options: FileStoreOptions(durability: .os, segmentSize: 64 << 10, clock: clock))
    }

    @Test func messagesInFlightWhenTheProcessDiesAreRedeliveredAfterTheStoreIsReopened() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let source = ReadTarget.category("Orders")
        let first = try Self.open(directory, clock: clock)
        let subscriptions = try PersistentSubscriptions(store: first, clock: clock, tickInterval: nil)
        try await subscriptions.create(group: "billing", source: source, settings: PersistentFixture.checkpointing(every: 3))
        for order in 1...6 { try await PersistentFixture.append(first, "Orders-\(order)", count: 1) }
        let a = try subscriptions.connect(group: "billing", source: source, consumer: "a")
        let messages = await a.take(6)
        for message in messages[0..<3] { await a.ack(message) }
        await a.ack(messages[4])
        await a.nack(messages[5], action: .park, reason: "poison")
        await subscriptions.crash()
        await first.close()

        let second = try Self.open(directory, clock: clock)
        let reopened = try PersistentSubscriptions(store: second, clock: clock, tickInterval: nil)
        let stats = try #require(reopened.stats(of: "billing"))
        #expect(stats.lastCheckpoint == 3)
        #expect(stats.parked == 1)
        let b = try reopened.connect(group: "billing", source: source, consumer: "b")
        #expect(await b.take(3).map(\.event.stream) == ["Orders-4", "Orders-5", "Orders-6"])
        #expect(try reopened.replayParked(group: "billing", source: source) == 1)
        #expect(await b.take(1).map(\.event.stream) == ["Orders-6"])
        await reopened.close()
        await second.close()
    }

    @Test func aCleanCloseDuringACheckpointWriteStillSavesEveryAckSoNothingIsRedeliveredAfterAReopen() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let source = ReadTarget.stream("Orders-1")
        let first = try Self.open(directory, clock: clock)
        let gated = GatedStore(first)
        let subscriptions = try PersistentSubscriptions(store: gated, clock: clock, tickInterval: nil)
        try await subscriptions.create(group: "billing", source: source, settings: PersistentFixture.checkpointing(every: 1))
        try await PersistentFixture.append(first, "Orders-1", count: 6)
        let a = try subscriptions.connect(group: "billing", source: source, consumer: "a")
        let messages = await a.take(6)
        // The first ack's checkpoint write is under way (held) while the other five are acked.
        gated.holdNextCheckpointWrite()
        let firstAck = Task { await a.ack(messages[0]) }
        await gated.waitUntilHeld()
        for message in messages[1...] { await a.ack(message) }
        await subscriptions.close()
        gated.release()
        await firstAck.value
        await first.close()

        let second = try Self.open(directory, clock: clock)
        let reopened = try PersistentSubscriptions(store: second, clock: clock, tickInterval: nil)
        #expect(reopened.stats(of: "billing")?.lastCheckpoint == 6)
        try await PersistentFixture.append(second, "Orders-1", count: 1)
        let b = try reopened.connect(group: "billing", source: source, consumer: "b")
        #expect(await b.take(1).map(\.event.version) == [6])
        await reopened.close()
        await second.close()
    }

    @Test func aProjectionResumesFromItsCheckpointAfterTheStoreIsReopened() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let first = try Self.open(directory, clock: clock)
        let projections = try ProjectionFixture.tally(on: first, clock: clock)
        try await ProjectionFixture.deposit(first, "Acc-1", 5)
        try await ProjectionFixture.deposit(first, "Acc-2", 6)
        try await projections.catchUp("account-tally")
        await projections.close()
        try await ProjectionFixture.deposit(first, "Acc-1", 7)
        await first.close()

        let second = try Self.open(directory, clock: clock)
        let resumed = try ProjectionFixture.tally(on: second, clock: clock)
        #expect(try resumed.status(of: "account-tally").position == 2)
        try await resumed.catchUp("account-tally")
        #expect(try resumed.status(of: "account-tally").eventsProcessed == 1)
        #expect(try resumed.state(of: "account-tally", partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 12))
        await second.close()
    }
}
