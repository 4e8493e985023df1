import Foundation
@testable import Store
import Testing

@Suite(.timeLimit(.minutes(1))) struct PersistentRecoveryTests {
    let source = ReadTarget.stream("Orders-1")

    @Test func groupsAndTheirSettingsComeBackAfterReopening() async throws {
        let (store, clock) = PersistentFixture.store()
        let first = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        let pinned = PersistentFixture.settings { $0.strategy = .pinned; $0.messageTimeout = 7 }
        try await first.create(group: "a", source: .category("Orders"), settings: pinned)
        try await first.create(group: "b", source: .all)
        try await first.create(group: "c", source: .all)
        try await first.delete(group: "c", source: .all)
        try await first.update(group: "b", source: .all, settings: PersistentFixture.settings { $0.maxRetryCount = 3 })
        await first.close()

        let second = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        let groups = second.groups()
        #expect(groups.map(\.group) == ["b", "a"])
        #expect(groups.map(\.source) == [.all, .category("Orders")])
        #expect(groups.map(\.settings) == [PersistentFixture.settings { $0.maxRetryCount = 3 }, pinned])
        await second.close()
    }

    @Test func messagesInFlightAtACrashAreRedeliveredFromTheCheckpoint() async throws {
        let (store, clock, first, a) = try await PersistentFixture.consumer(on: source, settings: PersistentFixture.checkpointing(every: 2), events: 5)
        let messages = await a.take(5)
        await a.ack(messages[0])
        await a.ack(messages[1])
        await a.ack(messages[3])
        #expect(first.stats(of: "g")?.lastCheckpoint == 2)
        await first.crash()
        #expect(await a.hasEnded())

        let second = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        #expect(second.stats(of: "g")?.lastCheckpoint == 2)
        let b = try second.connect(group: "g", source: source, consumer: "b")
        #expect(await b.take(3).map(\.event.version) == [2, 3, 4])
        await second.close()
    }

    @Test func withoutACheckpointACrashRedeliversEverything() async throws {
        let (store, clock, first, a) = try await PersistentFixture.consumer(on: source, events: 3)
        for message in await a.take(3) { await a.ack(message) }
        await first.crash()

        let second = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        let b = try second.connect(group: "g", source: source, consumer: "b")
        #expect(await b.take(3).map(\.event.version) == [0, 1, 2])
        await second.close()
    }

    @Test func aCleanCloseWritesTheCheckpointSoNothingIsRedelivered() async throws {
        let (store, clock, first, a) = try await PersistentFixture.consumer(on: source, events: 3)
        for message in await a.take(3) { await a.ack(message) }
        await first.close()

        let second = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        #expect(second.stats(of: "g")?.lastCheckpoint == 3)
        try await PersistentFixture.append(store, "Orders-1", count: 1)
        let b = try second.connect(group: "g", source: source, consumer: "b")
        #expect(await b.take(1).map(\.event.version) == [3])
        await second.close()
    }

    @Test func aCheckpointIsWrittenAfterCheckpointAfterWhenEnoughWasProcessed() async throws {
        let (store, clock, subscriptions, a) = try await PersistentFixture.consumer(on: source, settings: PersistentFixture.settings {
            $0.checkpointAfter = 2
            $0.checkpointLowerBound = 3
        }, events: 4)
        let messages = await a.take(4)
        await a.ack(messages[0])
        await a.ack(messages[1])
        clock.advance(by: 2)
        await subscriptions.tick()
        #expect(subscriptions.stats(of: "g")?.lastCheckpoint == nil)
        await a.ack(messages[2])
        #expect(subscriptions.stats(of: "g")?.lastCheckpoint == 3)
        await a.ack(messages[3])
        clock.advance(by: 1)
        await subscriptions.tick()
        #expect(subscriptions.stats(of: "g")?.lastCheckpoint == 3)
        let checkpoints = try store.read(PersistentStreamNames.checkpoint(source: "Orders-1", group: "g"))
        #expect(checkpoints.count == 1)
        await subscriptions.close()
    }

    @Test func parkedMessagesStayParkedAcrossAReopenUntilReplayed() async throws {
        let (store, clock, first, a) = try await PersistentFixture.consumer(on: source, events: 2)
        let messages = await a.take(2)
        await a.nack(messages[0], action: .park, reason: "poison")
        await a.ack(messages[1])
        await first.close()

        let second = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        #expect(second.stats(of: "g")?.parked == 1)
        #expect(second.stats(of: "g")?.lastCheckpoint == 2)
        let b = try second.connect(group: "g", source: source, consumer: "b")
        #expect(try second.replayParked(group: "g", source: source) == 1)
        let replayed = try #require(await b.take(1).first)
        #expect(replayed.event.version == 0)
        await b.ack(replayed)
        await second.close()

        let third = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        #expect(third.stats(of: "g")?.parked == 0)
        await third.close()
    }

    @Test func aGroupCreatedAgainAfterDeletionStartsAfresh() async throws {
        let (store, clock, subscriptions, a) = try await PersistentFixture.consumer(on: source, events: 2)
        for message in await a.take(2) { await a.ack(message) }
        await subscriptions.tick()
        try await subscriptions.delete(group: "g", source: source)
        #expect(await a.hasEnded())
        await subscriptions.close()

        let reopened = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        #expect(reopened.stats().isEmpty)
        try await reopened.create(group: "g", source: source, settings: PersistentFixture.settings())
        let b = try reopened.connect(group: "g", source: source, consumer: "b")
        #expect(await b.take(2).map(\.event.version) == [0, 1])
        await reopened.close()
    }

    @Test func openingAndClosingWithoutProcessingWritesNothing() async throws {
        let (store, clock) = PersistentFixture.store()
        let first = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        try await first.create(group: "g", source: source)
        await first.close()
        let head = store.headPosition

        let second = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        _ = second.stats()
        await second.tick()
        await second.close()
        #expect(store.headPosition == head)
    }

    @Test func badRequestsAreRefusedWithAReason() async throws {
        let (_, _, subscriptions) = try await PersistentFixture.group(on: source)
        await #expect(throws: EventStoreError.groupExists(group: "g", source: "Orders-1")) {
            try await subscriptions.create(group: "g", source: source)
        }
        await #expect(throws: EventStoreError.invalidSettings("messageTimeout must be positive")) {
            try await subscriptions.create(group: "h", source: source, settings: PersistentFixture.settings { $0.messageTimeout = 0 })
        }
        await #expect(throws: EventStoreError.invalidSettings("a group needs a name")) {
            try await subscriptions.create(group: "", source: source)
        }
        #expect(throws: EventStoreError.groupNotFound(group: "nope", source: "Orders-1")) {
            _ = try subscriptions.connect(group: "nope", source: source, consumer: "a")
        }
        await #expect(throws: EventStoreError.groupNotFound(group: "nope", source: "$all")) {
            try await subscriptions.delete(group: "nope", source: .all)
        }
        #expect(subscriptions.groups().map(\.group) == ["g"])
        await subscriptions.close()
    }

    @Test func userAppendsCannotWriteTheSubscriptionStreams() async throws {
        let (store, _) = PersistentFixture.store()
        await #expect(throws: EventStoreError.invalidStreamName(PersistentStreamNames.config, reason: "names starting with $ are reserved for the store")) {
            _ = try await store.append(to: PersistentStreamNames.config, expected: .any, events: [EventData(type: "X")])
        }
        await #expect(throws: EventStoreError.invalidStreamName("Orders-1", reason: "system streams start with a single $")) {
            _ = try await store.appendToSystemStream("Orders-1", expected: .any, events: [EventData(type: "X")])
        }
    }
}

@Suite struct SystemStreamRetentionTests {
    @Test func checkpointStreamsKeepOnlyTheirNewestEventsReadable() async throws {
        let store = MemoryEventStore(clock: ManualClock())
        for index in 0..<40 {
            try await store.limitSystemStream("$test-checkpoint", maxCount: 16)
            _ = try await store.appendToSystemStream("$test-checkpoint", expected: .any,
                                                     events: [EventData(type: "$Checkpoint", data: Data("\(index)".utf8))])
        }
        let readable = try store.read("$test-checkpoint")
        #expect(readable.count == 16)
        #expect(readable.first?.version == 24)
        #expect(String(decoding: try #require(readable.last).data, as: UTF8.self) == "39")
        #expect(try store.read("$$$test-checkpoint").count == 1)
    }

    @Test func aUserStreamsMetadataStreamIsNotASystemStream() async throws {
        let store = MemoryEventStore(clock: ManualClock())
        await #expect(throws: EventStoreError.self) {
            try await store.appendToSystemStream("$$Accounts-1", expected: .any, events: [EventData(type: "$metadata")])
        }
    }
}
