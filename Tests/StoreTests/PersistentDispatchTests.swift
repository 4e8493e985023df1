import Foundation
@testable import Store
import Testing

@Suite(.timeLimit(.minutes(1))) struct PersistentDispatchTests {
    @Test func roundRobinDealsEventsToConsumersInTurn() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .stream("Orders-1"))
        let a = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "a")
        let b = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "b")
        _ = try await store.append(to: "Orders-1", expected: .any, events: (0..<10).map { _ in EventData(type: "Placed") })

        #expect(await a.take(5).map(\.event.version) == [0, 2, 4, 6, 8])
        #expect(await b.take(5).map(\.event.version) == [1, 3, 5, 7, 9])
        await subscriptions.close()
    }

    @Test func pinnedSendsEachStreamToOneConsumer() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .category("Acc"), settings: PersistentFixture.settings { $0.strategy = .pinned })
        let a = try subscriptions.connect(group: "g", source: .category("Acc"), consumer: "a")
        let b = try subscriptions.connect(group: "g", source: .category("Acc"), consumer: "b")
        for _ in 0..<3 {
            for account in 1...4 { try await PersistentFixture.append(store, "Acc-\(account)", count: 1) }
        }

        let toA = await a.take(6).map { "\($0.event.stream)@\($0.event.version)" }
        let toB = await b.take(6).map { "\($0.event.stream)@\($0.event.version)" }
        #expect(toA == ["Acc-1@0", "Acc-3@0", "Acc-1@1", "Acc-3@1", "Acc-1@2", "Acc-3@2"])
        #expect(toB == ["Acc-2@0", "Acc-4@0", "Acc-2@1", "Acc-4@1", "Acc-2@2", "Acc-4@2"])
        await subscriptions.close()
    }

    @Test func pinnedStreamsMoveToTheRemainingConsumerWhenTheirOwnerLeaves() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .category("Acc"), settings: PersistentFixture.settings { $0.strategy = .pinned })
        let a = try subscriptions.connect(group: "g", source: .category("Acc"), consumer: "a")
        let b = try subscriptions.connect(group: "g", source: .category("Acc"), consumer: "b")
        try await PersistentFixture.append(store, "Acc-1", count: 1)
        try await PersistentFixture.append(store, "Acc-2", count: 1)
        let first = await b.take(1)
        #expect(first.map(\.event.stream) == ["Acc-2"])
        b.disconnect()
        try await PersistentFixture.append(store, "Acc-2", count: 1)

        #expect(await a.take(3).map { "\($0.event.stream)@\($0.event.version)" } == ["Acc-1@0", "Acc-2@0", "Acc-2@1"])
        await subscriptions.close()
    }

    @Test func dispatchToSingleFillsTheFirstConsumerBeforeTheNext() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .stream("Orders-1"), settings: PersistentFixture.settings { $0.strategy = .dispatchToSingle })
        let a = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "a", bufferSize: 3)
        let b = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "b", bufferSize: 10)
        try await PersistentFixture.append(store, "Orders-1", count: 5)

        let toA = await a.take(3)
        #expect(toA.map(\.event.version) == [0, 1, 2])
        #expect(await b.take(2).map(\.event.version) == [3, 4])
        try await PersistentFixture.append(store, "Orders-1", count: 1)
        await a.ack(toA[0])
        #expect(await a.take(1).map(\.event.version) == [5])
        await subscriptions.close()
    }

    @Test func aConsumerThatLeavesHasItsInFlightMessagesSentToTheOthers() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .stream("Orders-1"))
        try await PersistentFixture.append(store, "Orders-1", count: 3)
        let a = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "a", bufferSize: 2)
        let taken = await a.take(2)
        let b = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "b", bufferSize: 5)
        #expect(await b.take(1).map(\.event.version) == [2])
        await a.ack(taken[1])
        a.disconnect()

        let redelivered = await b.take(1)
        #expect(redelivered.map(\.event.version) == [0])
        #expect(redelivered.map(\.retryCount) == [0])
        #expect(await a.hasEnded())
        #expect(subscriptions.stats(of: "g")?.retried == 1)
        await subscriptions.close()
    }

    @Test func aConsumerWhoseTaskIsCancelledLeavesTheGroup() async throws {
        let (_, _, subscriptions) = try await PersistentFixture.group(on: .stream("Orders-1"))
        let a = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "a")
        let task = Task { await a.take(1) }
        task.cancel()
        #expect(await task.value.isEmpty)
        #expect(subscriptions.stats(of: "g")?.consumers.isEmpty == true)
        await subscriptions.close()
    }

    @Test func aConsumerThatIsDroppedLeavesTheGroupAndItsMessagesGoToTheOthers() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .stream("Orders-1"))
        try await PersistentFixture.append(store, "Orders-1", count: 2)
        var first: PersistentConsumer? = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "a")
        #expect(await first?.take(2).count == 2)
        let b = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "b")
        first = nil

        #expect(await b.take(2).map(\.event.version) == [0, 1])
        #expect(subscriptions.stats(of: "g")?.consumers.map(\.name) == ["b"])
        await subscriptions.close()
    }

    @Test func maxSubscriberCountRefusesAnExtraConsumer() async throws {
        let (_, _, subscriptions) = try await PersistentFixture.group(on: .all, settings: PersistentFixture.settings { $0.maxSubscriberCount = 1 })
        let a = try subscriptions.connect(group: "g", source: .all, consumer: "a")
        #expect(throws: EventStoreError.tooManyConsumers(group: "g", limit: 1)) {
            _ = try subscriptions.connect(group: "g", source: .all, consumer: "b")
        }
        a.disconnect()
        await subscriptions.close()
    }

    @Test func aGroupOnAllSkipsTheStoresOwnStreams() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: .all, events: 2)

        #expect(await a.take(2).map(\.event.position) == [1, 2])
        await subscriptions.close()
    }

    @Test func aGroupOnAnEventTypeGetsOnlyThoseEventsWithTheirIndexEntry() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .eventType("Placed"))
        try await PersistentFixture.append(store, "Orders-1", count: 1, type: "Placed")
        try await PersistentFixture.append(store, "Orders-1", count: 1, type: "Shipped")
        try await PersistentFixture.append(store, "Orders-2", count: 1, type: "Placed")
        let a = try subscriptions.connect(group: "g", source: .eventType("Placed"), consumer: "a")

        let messages = await a.take(2)
        #expect(messages.map { "\($0.event.stream)@\($0.event.version)" } == ["Orders-1@0", "Orders-2@0"])
        #expect(messages.map(\.event.link) == [IndexEntry(stream: "$et-Placed", version: 0), IndexEntry(stream: "$et-Placed", version: 1)])
        for message in messages { await a.ack(message) }
        #expect(subscriptions.stats(of: "g")?.lag == 0)
        await subscriptions.close()
    }

    @Test func updatingTheStrategyAppliesToTheNextDispatch() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: .stream("Orders-1"))
        let a = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "a")
        let b = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "b")
        try await subscriptions.update(group: "g", source: .stream("Orders-1"),
                                       settings: PersistentFixture.settings { $0.strategy = .dispatchToSingle })
        try await PersistentFixture.append(store, "Orders-1", count: 4)

        #expect(await a.take(4).map(\.event.version) == [0, 1, 2, 3])
        #expect(subscriptions.stats(of: "g")?.consumers.map(\.delivered) == [4, 0])
        #expect(subscriptions.stats(of: "g")?.strategy == .dispatchToSingle)
        b.disconnect()
        await subscriptions.close()
    }

    @Test func aGroupStartingAtTheEndSeesOnlyLaterEvents() async throws {
        let (store, clock) = PersistentFixture.store()
        try await PersistentFixture.append(store, "Orders-1", count: 3)
        let subscriptions = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        try await subscriptions.create(group: "end", source: .category("Orders"), settings: PersistentSubscriptionSettings(startFrom: .end))
        try await subscriptions.create(group: "at1", source: .stream("Orders-1"), settings: PersistentSubscriptionSettings(startFrom: .position(1)))
        try await PersistentFixture.append(store, "Orders-1", count: 1)
        let atEnd = try subscriptions.connect(group: "end", source: .category("Orders"), consumer: "a")
        let atOne = try subscriptions.connect(group: "at1", source: .stream("Orders-1"), consumer: "b")

        #expect(await atEnd.take(1).map(\.event.version) == [3])
        #expect(await atOne.take(3).map(\.event.version) == [1, 2, 3])
        await subscriptions.close()
    }
}
