import Foundation
import Store
import Testing

/// Reads served (wholly or partly) by the writer's tail cache return exactly what reads of the
/// log return: the same events a read-only store, which decodes every record, sees.
@Suite struct TailReadTests {
    /// Events of varied sizes (inline and shared data and metadata) over streams and types.
    static func events(_ n: Int) -> EventData {
        let data = Data(String(repeating: "d", count: (n * 7) % 40).utf8)
        let metadata = n % 3 == 0 ? Data() : Data(String(repeating: "m", count: (n * 5) % 30).utf8)
        return EventData(id: id(n), type: n % 2 == 0 ? "InboundPaymentValidated" : "Opened", data: data, metadata: metadata)
    }

    static let targets: [ReadTarget] = [.all, .stream("InboundPayment-0123456789abcdef"), .stream("Account-1"),
                                        .category("InboundPayment"), .category("Account"), .eventType("InboundPaymentValidated"),
                                        .eventType("Opened"), .streams]

    /// Every page shape over every target: forward and backward, from every version, 1 to 7 events.
    static func pages(_ store: FileEventStore) throws -> [[RecordedEvent]] {
        var pages: [[RecordedEvent]] = []
        for target in targets {
            for direction in [ReadDirection.forward, .backward] {
                pages.append(try store.read(target, from: .start, direction: direction, maxCount: .max))
                pages.append(try store.read(target, from: .end, direction: direction, maxCount: 4))
                for version in 0..<32 {
                    for maxCount in [1, 3, 7] {
                        pages.append(try store.read(target, from: .version(Int64(version)), direction: direction, maxCount: maxCount))
                    }
                }
            }
        }
        return pages
    }

    @Test(arguments: [0, 1, 5, 12, 1_000])
    func pagesSpanningTheCacheAndTheLogReadAsTheLogAlone(tailCacheEvents: Int) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(
            durability: .os, segmentSize: 8 << 10, clock: clock, tailCacheEvents: tailCacheEvents, tailCacheBytes: 1 << 20))
        for n in 0..<30 {
            let stream = n % 3 == 0 ? "Account-\(n % 2)" : "InboundPayment-0123456789abcdef"
            _ = try await store.append(to: stream, expected: .any, events: [Self.events(n)])
            clock.advance(by: 1)
        }
        let cold = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true, clock: clock))
        let fromCache = try Self.pages(store)
        let fromLog = try Self.pages(cold)
        #expect(fromCache == fromLog)
        #expect(fromCache.map(\.count).reduce(0, +) > 1_000)
        for position in 0..<30 {
            #expect(try store.event(at: UInt64(position)) == cold.event(at: UInt64(position)))
        }
        await cold.close()
        await store.close()
    }

    @Test func aCachedEventComesBackWithTheAppendedBytesIndexedFromZero() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(durability: .os, clock: ManualClock()))
        let whole = Data((0..<100).map { UInt8($0) })
        let slice = whole[40..<80]
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [EventData(id: id(1), type: "Opened", data: slice)])
        let read = try #require(try store.read("Account-1").first)
        #expect(read.data == Data((40..<80).map { UInt8($0) }))
        #expect(read.data.startIndex == 0)
        await store.close()
    }

    @Test func aCachedEventOlderThanTheStreamsMaxAgeIsNotReturned() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let clock = ManualClock()
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(durability: .os, clock: clock))
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        clock.advance(by: 100)
        _ = try await store.append(to: "Account-1", expected: .exact(0), events: [event(2)])
        try await store.setMetadata(StreamMetadata(maxAge: 50), of: "Account-1")
        #expect(try store.read("Account-1").map(\.id) == [id(2)])
        await store.close()
    }

    @Test func theCacheKeepsNothingOfAWriteThatFailed() async throws {
        let disk = SimulatedDisk()
        let store = try FileEventStore.open(directory: URL(fileURLWithPath: "/sim/tail"), options: FileStoreOptions(
            durability: .fsync, segmentSize: 8 << 10, clock: ManualClock(), fileSystem: disk))
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        disk.state.withLock { $0.writeError = "No space left on device" }
        await #expect(throws: EventStoreError.self) {
            try await store.append(to: "Account-1", expected: .exact(0), events: [event(2)])
        }
        #expect(try store.read("Account-1").map(\.id) == [id(1)])
        #expect(try store.read(.all).map(\.id) == [id(1)])
        await store.close()
    }
}
