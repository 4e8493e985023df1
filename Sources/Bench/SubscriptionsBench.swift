import Foundation
import Store
import Synchronization

/// `bank-bench subscriptions`: persistent-subscription dispatch and projection rebuild speed,
/// both over `MemoryEventStore` (so they measure the machinery, not the disk).
enum SubscriptionsBench {
    static func run() async throws {
        try await roundRobin(consumers: 4, events: 400_000)
        try await projectionRebuild(events: 1_000_000)
    }

    static func report(_ name: String, _ value: Double, _ unit: String) {
        print("\(name)\t\(Int(value.rounded()))\t\(unit)")
    }

    /// Appends `events` events in batches of 1,000, one stream `Bench-N` per batch, with
    /// counter-derived ids (so filling costs no system randomness).
    static func fill(_ store: MemoryEventStore, events: Int, batch: Int = 1_000) async throws {
        let data = Data(#"{"amount":1}"#.utf8)
        var written = 0
        var batchNumber = 0
        while written < events {
            let count = min(batch, events - written)
            let first = written
            _ = try await store.append(to: "Bench-\(batchNumber)", expected: .noStream,
                                       events: (0..<count).map { EventData(id: id(first + $0), type: "Counted", data: data) })
            written += count
            batchNumber += 1
        }
    }

    static func id(_ number: Int) -> UUID {
        let n = UInt64(number)
        return UUID(uuid: (0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, UInt8(truncatingIfNeeded: n >> 40), UInt8(truncatingIfNeeded: n >> 32),
                           UInt8(truncatingIfNeeded: n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
                           UInt8(truncatingIfNeeded: n)))
    }

    final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    /// `persistent.roundrobin4`: consumers on one round-robin group ack as fast as they can.
    static func roundRobin(consumers: Int, events: Int) async throws {
        let store = MemoryEventStore()
        try await fill(store, events: events)
        let subscriptions = try PersistentSubscriptions(store: store, clock: SystemClock())
        var settings = PersistentSubscriptionSettings(startFrom: .beginning)
        settings.readBatchSize = 500
        try await subscriptions.create(group: "bench", source: .category("Bench"), settings: settings)
        let acked = Counter()
        let clock = ContinuousClock()
        let started = clock.now
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<consumers {
                let consumer: PersistentConsumer
                do {
                    consumer = try subscriptions.connect(group: "bench", source: .category("Bench"), consumer: "c\(index)", bufferSize: 64)
                } catch {
                    FileHandle.standardError.write(Data("bank-bench: cannot connect: \(error)\n".utf8))
                    return
                }
                group.addTask {
                    for await message in consumer {
                        await consumer.ack(message)
                        if acked.value.add(1, ordering: .relaxed).newValue == events { await subscriptions.close() }
                    }
                }
            }
        }
        let elapsed = started.duration(to: clock.now)
        report("persistent.roundrobin\(consumers)", Double(events) / elapsed.seconds, "events/s")
        await store.close()
    }

    /// `projection.rebuild`: a counting projection reset and rebuilt over every event.
    static func projectionRebuild(events: Int) async throws {
        let store = MemoryEventStore()
        try await fill(store, events: events)
        let projections = Projections(store: store, clock: SystemClock())
        let counting = HandlerProjection(name: "count", source: .category("Bench"), initialState: 0)
            .when("Counted") { count, _ in count += 1 }
        try projections.register(counting)
        try await projections.catchUp("count")
        let clock = ContinuousClock()
        let started = clock.now
        try await projections.reset("count")
        try await projections.catchUp("count")
        let elapsed = started.duration(to: clock.now)
        guard try projections.state(of: "count", as: Int.self) == events else {
            throw EventStoreError.invalidSettings("the counting projection did not count every event")
        }
        report("projection.rebuild", Double(events) / elapsed.seconds, "events/s")
        await store.close()
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

