import Foundation
@testable import Store

import Testing

@Suite(.timeLimit(.minutes(1))) struct PersistentSettlingTests {
    let source = ReadTarget.stream("Orders-1")

    @Test func aMessageThatTimesOutIsRetriedThenParkedAfterMaxRetries() async throws {
        let (store, clock, subscriptions, a) = try await PersistentFixture.consumer(on: source, settings: PersistentFixture.settings {
            $0.messageTimeout = 5
            $0.maxRetryCount = 2
        }, events: 1)

        var retryCounts: [Int] = []
        for _ in 0..<3 {
            retryCounts += await a.take(1).map(\.retryCount)
            clock.advance(by: 4.9)
            await subscriptions.tick()
            #expect(subscriptions.stats(of: "g")?.inFlight == 1)
            clock.advance(by: 0.1)
            await subscriptions.tick()
        }
        #expect(retryCounts == [0, 1, 2])
        let stats = try #require(subscriptions.stats(of: "g"))
        #expect(stats.parked == 1)
        #expect(stats.parkedTotal == 1)
        #expect(stats.retried == 2)
        #expect(stats.inFlight == 0)
        #expect(stats.consumers.map(\.timedOut) == [3])
        let parked = try store.read(PersistentStreamNames.parked(source: "Orders-1", group: "g"))
        #expect(parked.count == 1)
        let entry = try JSONDecoder().decode(ParkedEntry.self, from: parked[0].data)
        #expect(entry.stream == "Orders-1" && entry.version == 0 && entry.retryCount == 2)
        #expect(entry.reason == "message timeout; retried 2 times")
        await subscriptions.close()
    }

    @Test func nackRetryCountsTowardsParking() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: source, settings: PersistentFixture.settings { $0.maxRetryCount = 1 }, events: 1)
        for expected in [0, 1] {
            let message = try #require(await a.take(1).first)
            #expect(message.retryCount == expected)
            await a.nack(message, action: .retry, reason: "busy")
        }
        #expect(subscriptions.stats(of: "g")?.parked == 1)
        #expect(subscriptions.stats(of: "g")?.consumers.map(\.nacked) == [2])
        await subscriptions.close()
    }

    /// A requeue (the store was out of reach, not the message at fault) delivers it again as it
    /// was: however often, it is never counted towards parking.
    @Test func nackRequeueDeliversAgainWithoutCountingARetry() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: source, settings: PersistentFixture.settings { $0.maxRetryCount = 1 }, events: 1)
        for _ in 0..<4 {
            let message = try #require(await a.take(1).first)
            #expect(message.retryCount == 0)
            await a.nack(message, action: .requeue, reason: "the store is unavailable")
        }
        let last = try #require(await a.take(1).first)
        #expect(last.retryCount == 0 && last.event.version == 0)
        await a.ack(last)
        let stats = try #require(subscriptions.stats(of: "g"))
        #expect(stats.parked == 0 && stats.parkedTotal == 0)
        #expect(stats.retried == 4)
        await subscriptions.close()
    }

    @Test func replayedParkedMessagesComeBeforeNewEvents() async throws {
        let (store, _, subscriptions) = try await PersistentFixture.group(on: source)
        try await PersistentFixture.append(store, "Orders-1", count: 3)
        let a = try subscriptions.connect(group: "g", source: source, consumer: "a", bufferSize: 1)
        for _ in 0..<2 {
            let message = try #require(await a.take(1).first)
            await a.nack(message, action: .park, reason: "poison")
        }
        let third = try #require(await a.take(1).first)
        try await PersistentFixture.append(store, "Orders-1", count: 1)
        #expect(try subscriptions.replayParked(group: "g", source: source) == 2)
        await a.ack(third)

        var order: [Int64] = []
        for _ in 0..<3 {
            let message = try #require(await a.take(1).first)
            order.append(message.event.version)
            await a.ack(message)
        }
        #expect(order == [0, 1, 3])
        let stats = try #require(subscriptions.stats(of: "g"))
        #expect(stats.parked == 0)
        #expect(stats.parkedTotal == 2)
        #expect(stats.acked == 4)
        await subscriptions.close()
    }

    @Test func replayParkedStopsAtTheGivenCount() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: source, events: 3)
        for message in await a.take(3) { await a.nack(message, action: .park, reason: "poison") }

        #expect(try subscriptions.replayParked(group: "g", source: source, stopAt: 2) == 2)
        #expect(await a.take(2).map(\.event.version) == [0, 1])
        #expect(subscriptions.stats(of: "g")?.parked == 1)
        await subscriptions.close()
    }

    @Test func skippedMessagesCountAsProcessedForTheCheckpoint() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: source, settings: PersistentFixture.checkpointing(every: 2), events: 2)
        let messages = await a.take(2)
        await a.nack(messages[0], action: .skip, reason: "not for us")
        await a.ack(messages[1])

        let stats = try #require(subscriptions.stats(of: "g"))
        #expect(stats.acked == 1)
        #expect(stats.lastCheckpoint == 2)
        #expect(stats.lag == 0)
        await subscriptions.close()
    }

    @Test func nackStopEndsTheConsumerAndItsMessagesGoToTheOthers() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: source, events: 1)
        let message = try #require(await a.take(1).first)
        let b = try subscriptions.connect(group: "g", source: source, consumer: "b")
        await a.nack(message, action: .stop, reason: "shutting down")

        #expect(await a.hasEnded())
        #expect(await b.take(1).map(\.event.version) == [0])
        await subscriptions.close()
    }

    @Test func aLateAckFromTheFirstDeliverySettlesTheRetriedMessage() async throws {
        let (store, clock, subscriptions) = try await PersistentFixture.group(on: source, settings: PersistentFixture.settings { $0.messageTimeout = 1 })
        try await PersistentFixture.append(store, "Orders-1", count: 2)
        let a = try subscriptions.connect(group: "g", source: source, consumer: "a", bufferSize: 1)
        let first = try #require(await a.take(1).first)
        clock.advance(by: 1)
        await subscriptions.tick()
        #expect(subscriptions.stats(of: "g")?.retried == 1)
        await a.ack(first)

        let next = try #require(await a.take(1).first)
        #expect(next.event.version == 1 && next.retryCount == 0)
        let stats = try #require(subscriptions.stats(of: "g"))
        #expect(stats.acked == 1)
        #expect(stats.delivered == 3)
        #expect(stats.inFlight == 1)
        await subscriptions.close()
    }

    @Test func aRetryOfAnOlderMessageWhenNothingNewerIsInFlightKeepsTheOtherRetriesDeliverable() async throws {
        let (_, _, subscriptions, a) = try await PersistentFixture.consumer(on: source, events: 5)
        let first = await a.take(5)
        await a.ack(first[0])
        await a.nack(first[1], action: .retry, reason: "poison")
        let retried = try #require(await a.take(1).first)
        await a.nack(first[2], action: .retry, reason: "poison")
        await a.ack([first[3], first[4]])
        // Only retries are in flight; the older one is retried again.
        await a.nack(retried, action: .retry, reason: "poison")

        guard case .messages(let messages) = a.runtime.poll(a.id) else {
            Issue.record("no messages to take")
            return
        }
        #expect(messages.map(\.event.version) == [2, 1])
        #expect(messages.map(\.retryCount) == [1, 2])
        await a.ack(messages)
        let stats = try #require(subscriptions.stats(of: "g"))
        #expect(stats.inFlight == 0)
        #expect(stats.acked == 5)
        #expect(stats.lag == 0)
        await subscriptions.close()
    }

    @Test func statisticsDescribeTheGroupAndEachConsumer() async throws {
        let (store, clock, subscriptions) = try await PersistentFixture.group("billing", on: .category("Orders"), settings: PersistentFixture.settings {
            $0.checkpointLowerBound = 2
            $0.checkpointAfter = 2
        })
        try await PersistentFixture.append(store, "Orders-1", count: 5)
        let a = try subscriptions.connect(group: "billing", source: .category("Orders"), consumer: "a", bufferSize: 2)
        let b = try subscriptions.connect(group: "billing", source: .category("Orders"), consumer: "b", bufferSize: 2)
        let toA = await a.take(2)
        let toB = await b.take(2)
        await a.ack(toA[0])
        await b.ack(toB[0])
        clock.advance(by: 2)
        await subscriptions.tick()
        await b.nack(toB[1], action: .park, reason: "bad")

        #expect(subscriptions.stats() == [PersistentGroupStats(
            group: "billing", source: "$ce-Orders", strategy: .roundRobin,
            delivered: 5, inFlight: 2, acked: 2, retried: 0, parkedTotal: 1, parked: 1, waitingForRetry: 0,
            lastCheckpoint: 1, lastCheckpointTime: PersistentFixture.start.addingTimeInterval(2),
            lag: 4, lastError: nil,
            consumers: [
                PersistentConsumerStats(id: 1, name: "a", delivered: 3, inFlight: 2, acked: 1, nacked: 0, timedOut: 0, bufferSize: 2),
                PersistentConsumerStats(id: 2, name: "b", delivered: 2, inFlight: 0, acked: 1, nacked: 1, timedOut: 0, bufferSize: 2),
            ])])
        await subscriptions.close()
    }
}
