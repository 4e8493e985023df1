import Foundation
import Store
import Testing
@testable import Console

@Suite struct SubscriptionCommandTests {
    let cli = CLIHarness()

    @Test func subscriptionsListsGroupsWithTheirParkedStream() async throws {
        let store = cli.store()
        _ = try await store.append(to: "Orders-1", expected: .any, events: [EventData(type: "A"), EventData(type: "B")])
        let subscriptions = try PersistentSubscriptions(store: store, clock: cli.stores.clock, tickInterval: nil)
        try await subscriptions.create(group: "shipping", source: .category("Orders"),
                                       settings: PersistentSubscriptionSettings(startFrom: .beginning))
        let consumer = try subscriptions.connect(group: "shipping", source: .category("Orders"), consumer: "test")
        var messages = consumer.makeAsyncIterator()
        let first = try #require(await messages.next())
        await consumer.nack(first, action: .park, reason: "poison")
        let second = try #require(await messages.next())
        await consumer.ack(second)
        consumer.disconnect()
        await subscriptions.close()
        let run = await cli.run("subscriptions")
        #expect(run.status == 0)
        #expect(run.lines == [
            "GROUP     SOURCE      STRATEGY    CHECKPOINT  LAG  PARKED  PARKED STREAM",
            "shipping  $ce-Orders  roundRobin           2    0       1  $persistentsubscription-$ce-Orders::shipping-parked",
            "1 group",
        ])
        let json = await cli.run("subscriptions --json")
        #expect(json.output.hasPrefix(#"[{"group":"shipping","source":"$ce-Orders","strategy":"roundRobin","lastCheckpoint":2,"#))
    }

    @Test func noGroupsIsAnEmptyList() async {
        _ = await cli.run("append Orders-1 A")
        #expect(await cli.run("subscriptions --json").output == "[]\n")
    }
}
