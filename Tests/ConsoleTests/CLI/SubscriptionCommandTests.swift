import Core
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
            "GROUP     SOURCE      STRATEGY    DELIVERED  IN FLIGHT  ACKED  RETRIED  PARKED  CHECKPOINT  LAG",
            "shipping  $ce-Orders  roundRobin          0          0      0        0       1           2    0",
            "1 group",
            "no process is publishing live figures (start `bank-console run` or the console)",
        ])
        let json = await cli.run("subscriptions --json")
        #expect(json.output.hasPrefix(#"[{"group":"shipping","source":"$ce-Orders","strategy":"roundRobin","lastCheckpoint":2,"#))
    }

    @Test func replayingAParkedPoisonMessageDeliversItAgain() async throws {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        _ = await cli.run("seed")
        let store = cli.store()
        let bank = try await Bank(store: store, clock: cli.stores.clock, configuration: BankConfiguration(subscriptionTick: nil))
        try await bank.startProcessors()
        bank.simulator.update { $0.mix = [.poison: 1] }
        try await bank.simulator.sendNext(1)
        let parkedStream = "$persistentsubscription-$et-InboundPaymentSentByScheme::inbound-payments-parked"
        while store.lastVersion(of: parkedStream) == nil {
            let head = store.headPosition
            await store.waitForEvents(beyond: head)
        }
        await bank.close()

        let listed = await cli.run("subscriptions --json")
        #expect(listed.output.contains(#""group":"inbound-payments","source":"$et-InboundPaymentSentByScheme","#))
        let run = await cli.run("replay-parked inbound-payments --source $et-InboundPaymentSentByScheme")
        #expect(run == .init(status: 0, output: "replayed 1 parked message of inbound-payments on $et-InboundPaymentSentByScheme: 0 handled, 1 parked again\n", errors: ""))
        #expect(try store.read(parkedStream).count == 2)
        // Without --source, every source of the group is replayed, one line each.
        let all = await cli.run("replay-parked inbound-payments --json")
        #expect(all.status == 0)
        #expect(all.output.contains(#"{"group":"inbound-payments","source":"$et-InboundPaymentSentByScheme","replayed":1,"acked":0,"parkedAgain":1}"#))
        #expect(try store.read(parkedStream).count == 3)
        #expect(await cli.run("replay-parked nothing-here").errors == "bank-console replay-parked: no persistent-subscription group nothing-here\n")
    }

    @Test func theCheckpointTimeIsWhenTheCheckpointWasWrittenNotWhenAsked() async throws {
        let store = cli.store()
        let clock = cli.stores.clock
        _ = try await store.append(to: "Orders-1", expected: .any, events: [EventData(type: "A")])
        let subscriptions = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
        try await subscriptions.create(group: "shipping", source: .category("Orders"),
                                       settings: PersistentSubscriptionSettings(startFrom: .beginning))
        let consumer = try subscriptions.connect(group: "shipping", source: .category("Orders"), consumer: "test")
        var messages = consumer.makeAsyncIterator()
        await consumer.ack(try #require(await messages.next()))
        consumer.disconnect()
        let written = clock.now()
        await subscriptions.close()
        clock.advance(by: 3_600)
        let json = await cli.run("subscriptions --json")
        #expect(json.output.contains(#""lastCheckpoint":1,"lastCheckpointTime":"\#(Timestamp.string(written))""#))
    }

    @Test func noGroupsIsAnEmptyList() async {
        _ = await cli.run("append Orders-1 A")
        #expect(await cli.run("subscriptions --json").output == "[]\n")
    }
}
