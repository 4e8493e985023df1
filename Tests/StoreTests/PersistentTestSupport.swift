import Foundation
@testable import Store

/// Shared setup for the persistent-subscription and projection tests.
enum PersistentFixture {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func store() -> (MemoryEventStore, ManualClock) {
        let clock = ManualClock(start)
        return (MemoryEventStore(clock: clock), clock)
    }

    /// Appends `count` events of `type` to `stream`, one append each.
    static func append(_ store: any EventStore, _ stream: String, count: Int, type: String = "Happened") async throws {
        for index in 0..<count {
            _ = try await store.append(to: stream, expected: .any,
                                       events: [EventData(type: type, data: Data("{\"n\":\(index)}".utf8))])
        }
    }

    /// A memory store, its clock, and persistent subscriptions on it (no ticking: tests move
    /// the clock and call `tick()`) with one group (`g` unless named) on `source`; nobody connected yet.
    static func group(_ group: String = "g", on source: ReadTarget, settings: PersistentSubscriptionSettings = settings())
        async throws -> (MemoryEventStore, ManualClock, PersistentSubscriptions) {
        let (store, clock) = store()
        let subscriptions = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        try await subscriptions.create(group: group, source: source, settings: settings)
        return (store, clock, subscriptions)
    }

    /// `group(on:settings:)` with `count` events appended to `stream` (one append each) and
    /// consumer `a` connected to group `g`: where most delivery tests start.
    static func consumer(on source: ReadTarget, settings: PersistentSubscriptionSettings = settings(), events count: Int, in stream: String = "Orders-1")
        async throws -> (MemoryEventStore, ManualClock, PersistentSubscriptions, PersistentConsumer) {
        let (store, clock, subscriptions) = try await group(on: source, settings: settings)
        try await append(store, stream, count: count)
        return (store, clock, subscriptions, try subscriptions.connect(group: "g", source: source, consumer: "a"))
    }

    /// Settings that write a checkpoint as soon as `count` messages are processed, and no sooner.
    static func checkpointing(every count: Int) -> PersistentSubscriptionSettings {
        settings {
            $0.checkpointLowerBound = count
            $0.checkpointUpperBound = count
        }
    }

    static func settings(_ change: (inout PersistentSubscriptionSettings) -> Void = { _ in }) -> PersistentSubscriptionSettings {
        var settings = PersistentSubscriptionSettings(startFrom: .beginning)
        change(&settings)
        return settings
    }
}

extension PersistentConsumer {
    /// Waits for the next `count` messages (fewer if the consumer's iteration ends).
    func take(_ count: Int) async -> [PersistentMessage] {
        var iterator = makeAsyncIterator()
        var messages: [PersistentMessage] = []
        while messages.count < count, let message = await iterator.next() {
            messages.append(message)
        }
        return messages
    }

    /// Whether iteration has ended (the consumer left the group).
    func hasEnded() async -> Bool {
        var iterator = makeAsyncIterator()
        return await iterator.next() == nil
    }
}

extension PersistentSubscriptions {
    func stats(of group: String) -> PersistentGroupStats? {
        stats().first { $0.group == group }
    }
}
