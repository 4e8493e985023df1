import Core
import Foundation
import Store
import Testing
@testable import Console

/// `subscriptions` shows the live figures every process publishes, with their age.
@Suite struct PublishedStatsCommandTests {
    let cli = CLIHarness()

    /// A group on `$ce-Orders` in its own process (`host`, `pid`) with one consumer that took
    /// all four orders (its buffer holds five) and acknowledged the first.
    private func host(_ name: String, pid: Int32, store: any EventStore) async throws -> (PersistentSubscriptions, PersistentStatsPublisher, PersistentConsumer) {
        let subscriptions = try PersistentSubscriptions(store: store, clock: cli.stores.clock, tickInterval: nil)
        if !subscriptions.groups().contains(where: { $0.group == "shipping" }) {
            try await subscriptions.create(group: "shipping", source: .category("Orders"), settings: PersistentSubscriptionSettings(startFrom: .beginning))
        }
        let consumer = try subscriptions.connect(group: "shipping", source: .category("Orders"), consumer: "\(name)-worker", bufferSize: 5)
        var messages = consumer.makeAsyncIterator()
        let first = try #require(await messages.next())
        await consumer.ack(first)
        _ = try #require(await messages.next())
        let publisher = PersistentStatsPublisher(store: store, subscriptions: subscriptions, clock: cli.stores.clock, host: name, pid: pid)
        try await publisher.publish()
        return (subscriptions, publisher, consumer)
    }

    @Test func twoHostsFiguresAreBothShownAndSummed() async throws {
        let store = cli.store()
        for n in 0..<4 { _ = try await store.append(to: "Orders-\(n)", expected: .any, events: [EventData(type: "Placed")]) }
        let (first, firstPublisher, firstConsumer) = try await host("alpha", pid: 11, store: store)
        let (second, secondPublisher, secondConsumer) = try await host("beta", pid: 22, store: store)
        let json = await cli.run("subscriptions --json")
        #expect(json.output.contains(#""totalItemsProcessed":2,"totalInFlightMessages":6,"parkedMessageCount":0,"#))
        #expect(json.output.contains(#"{"host":"alpha","pid":11,"consumerName":"alpha-worker","inFlightMessages":3,"availableSlots":2,"totalItems":4,"ageSeconds":0}"#))
        #expect(json.output.contains(#"{"host":"beta","pid":22,"consumerName":"beta-worker","inFlightMessages":3,"availableSlots":2,"#))
        let text = await cli.run("subscriptions")
        #expect(text.lines.contains("live figures from alpha pid 11, 0 s ago"))
        #expect(text.lines.contains("live figures from beta pid 22, 0 s ago"))
        // Beta stops cleanly: its figures go. Time passes without alpha publishing: stale.
        await secondPublisher.stop()
        cli.stores.clock.advance(by: 45)
        let later = await cli.run("subscriptions")
        #expect(!later.output.contains("beta"))
        #expect(later.lines.contains("live figures from alpha pid 11, 45 s ago — stale, not counted"))
        #expect(later.lines[1].hasPrefix("shipping  $ce-Orders  roundRobin          0          0      0"))
        firstConsumer.disconnect()
        secondConsumer.disconnect()
        await firstPublisher.stop()
        await first.close()
        await second.close()
    }
}
