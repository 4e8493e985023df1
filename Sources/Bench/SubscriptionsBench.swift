import Foundation
import Store
import Synchronization

/// `bank-bench subscriptions`: persistent-subscription dispatch and projection rebuild speed over
/// a `FileEventStore` in a temporary directory with `.os` durability (the events are written
/// before the clock starts; what is timed is reading them back and the subscription machinery),
/// and the same over `MemoryEventStore` (`….memory`).
enum SubscriptionsBench {
    static func run() async throws {
        try await roundRobin(consumers: 4, events: 400_000, on: .file)
        try await projectionRebuild(events: 1_000_000, on: .file)
        try await roundRobin(consumers: 4, events: 400_000, on: .memory)
        try await projectionRebuild(events: 1_000_000, on: .memory)
    }

    enum Backend {
        case file
        case memory

        var suffix: String {
            switch self {
            case .file: ""
            case .memory: ".memory"
            }
        }

        /// A fresh store and a function that closes it and removes its files.
        func make() throws -> (any EventStore, @Sendable () async -> Void) {
            switch self {
            case .memory:
                let store = MemoryEventStore()
                return (store, { await store.close() })
            case .file:
                let directory = FileManager.default.temporaryDirectory
                    .appendingPathComponent("bank-bench-subscriptions-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0 ... .max))")
                let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os))
                return (store, {
                    await store.close()
                    do {
                        try FileManager.default.removeItem(at: directory)
                    } catch {
                        // A store that already removed its last files is not worth a warning.
                        if FileManager.default.fileExists(atPath: directory.path) {
                            FileHandle.standardError.write(Data("bank-bench: cannot remove \(directory.path): \(error)\n".utf8))
                        }
                    }
                })
            }
        }
    }

    static func report(_ name: String, _ value: Double, _ unit: String) {
        print("\(name)\t\(Int(value.rounded()))\t\(unit)")
    }

    /// Appends `events` events in batches of 1,000, one stream `Bench-N` per batch, with
    /// counter-derived ids (so filling costs no system randomness).
    static func fill(_ store: any EventStore, events: Int, batch: Int = 1_000) async throws {
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
    static func roundRobin(consumers: Int, events: Int, on backend: Backend) async throws {
        let (store, finish) = try backend.make()
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
        report("persistent.roundrobin\(consumers)" + backend.suffix, Double(events) / elapsed.seconds, "events/s")
        await finish()
    }

    /// `projection.rebuild`: a counting projection reset and rebuilt over every event.
    static func projectionRebuild(events: Int, on backend: Backend) async throws {
        let (store, finish) = try backend.make()
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
        report("projection.rebuild" + backend.suffix, Double(events) / elapsed.seconds, "events/s")
        await finish()
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

