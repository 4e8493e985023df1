import Foundation
@testable import Store
import Testing

/// Events read from the log refer to their checked records in a block their run shares
/// (`RecordBlock`) and make their fields when asked. These check that such events are the
/// events the one-record path makes (fields, equality, hashes), read every way, that they keep
/// the bytes they were checked with, and that changing one of their fields changes only it.
@Suite struct RecordBlockReadTests {
    typealias Batched = BatchedRecordReadTests

    /// Reads `target` in pages of random sizes in `direction`, until a page is empty.
    static func pages(_ store: FileEventStore, _ target: ReadTarget, _ direction: ReadDirection,
                      random: inout SplitMix64) throws -> [RecordedEvent] {
        var read: [RecordedEvent] = []
        var from = StreamPosition.start
        if direction == .backward { from = .end }
        while true {
            let page = try store.read(target, from: from, direction: direction, maxCount: Int(random.next() % 90) + 1)
            guard let last = page.last else { return read }
            read.append(contentsOf: page)
            let version = last.link?.version ?? (target == .all ? Int64(last.position) : last.version)
            if direction == .backward && version == 0 { return read }
            from = .version(direction == .forward ? version + 1 : version - 1)
        }
    }

    /// Runs `body` on a read-only store over a random history of `events` (`Batched.fill`), in
    /// a directory removed afterwards.
    static func withStore(events: Int, seed: UInt64, _ body: (FileEventStore, URL) async throws -> Void) async throws {
        let directory = Batched.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Batched.fill(directory, events: events, seed: seed)
        let store = try FileEventStore.open(directory: directory, options: Batched.options(readOnly: true))
        try await body(store, directory)
        await store.close()
    }

    /// The same events with their fields in boxes of their own (and bytes copied).
    static func boxed(_ events: [RecordedEvent]) -> [RecordedEvent] {
        events.map {
            RecordedEvent(stream: $0.stream, version: $0.version, position: $0.position, id: $0.id, type: $0.type,
                          created: $0.created, data: Data($0.data), metadata: Data($0.metadata), link: $0.link)
        }
    }

    @Test(arguments: [UInt64(4), 5, 6])
    func pagesReadEveryWayThroughEveryIndexEqualTheOneRecordPath(seed: UInt64) async throws {
        try await Self.withStore(events: 500, seed: seed) { store, _ in
            // The one-record path: `event(at:)` decodes a single record through `LogFrame.read`.
            let reference = try (0..<store.headPosition).map { try store.event(at: $0) }
            var random = SplitMix64(seed: seed ^ 0xB10C)
            var mismatches: [String] = []
            func check(_ target: ReadTarget, _ expected: [RecordedEvent], linked: Bool) throws {
                for direction in [ReadDirection.forward, .backward] {
                    let read = try Self.pages(store, target, direction, random: &random)
                    let wanted = direction == .forward ? expected : expected.reversed()
                    let links = read.map { $0.link?.version }
                    let expectedLinks = linked ? (0..<Int64(expected.count)).map(Optional.some) : Array(repeating: nil, count: expected.count)
                    if read.count != wanted.count || !zip(read, wanted).allSatisfy({ Batched.same($0, $1) })
                        || links != (direction == .forward ? expectedLinks : expectedLinks.reversed()) {
                        mismatches.append("\(target) \(direction)")
                    }
                }
            }
            try check(.all, reference, linked: false)
            for stream in Set(reference.map(\.stream)).sorted() {
                try check(.stream(stream), reference.filter { $0.stream == stream }, linked: false)
            }
            for type in Set(reference.map(\.type)).sorted() {
                try check(.eventType(type), reference.filter { $0.type == type }, linked: true)
            }
            try check(.category("S"), reference, linked: true)
            #expect(mismatches == [])
            #expect(reference.contains { $0.stream.utf8.count > RecordDecoder.smallString }
                && reference.contains { $0.stream.utf8.count <= RecordDecoder.smallString }
                && reference.contains { $0.type.utf8.count > RecordDecoder.smallString }, "names on both sides of the small-string limit")
        }
    }

    @Test func anEventReadFromTheLogEqualsAndHashesAsTheSameFieldsInABox() async throws {
        try await Self.withStore(events: 200, seed: 9) { store, _ in
            let read = try store.read(.all, from: .start, direction: .forward, maxCount: 200)
            let boxed = Self.boxed(read)
            #expect(read.count == 200)
            #expect(read == boxed)
            #expect(read.map(\.hashValue) == boxed.map(\.hashValue))
            #expect(Set(read + boxed).count == 200)
            #expect(read[0] != read[1])
            var linked = read[0]
            linked.link = IndexEntry(stream: "$et-T", version: 0)
            #expect(linked != read[0] && linked != boxed[0])
        }
    }

    @Test func settingAFieldOfAnEventReadFromTheLogChangesThatFieldAlone() async throws {
        try await Self.withStore(events: 50, seed: 12) { store, _ in
            let original = try #require(try store.read(.all, from: .version(7), direction: .forward, maxCount: 1).first)
            var changed = original
            changed.type = "Renamed"
            changed.data = Data([1, 2, 3])
            #expect(changed.type == "Renamed" && changed.data == Data([1, 2, 3]))
            #expect(changed.stream == original.stream && changed.version == original.version && changed.position == 7
                && changed.id == original.id && changed.created == original.created && changed.metadata == original.metadata)
            let unchanged = try store.event(at: 7)
            #expect(original.type != "Renamed" && Batched.same(original, unchanged))
            #expect(changed.attachment == nil)
        }
    }

    /// The bytes an event hands out are the ones its read copied and checked: bytes of the
    /// file changed afterwards (the mapping shows them) change no event already read, and the
    /// next read over them faults.
    @Test func anEventKeepsTheBytesItWasCheckedWithWhenTheFileChangesAfterwards() async throws {
        try await Self.withStore(events: 60, seed: 21) { store, directory in
            let places = try Batched.recordOffsets(directory)
            let read = try store.read(.all, from: .start, direction: .forward, maxCount: 40)
            let expected = Self.boxed(read)
            let (name, offset) = places[5]
            let handle = try FileHandle(forUpdating: directory.appendingPathComponent(name))
            try handle.seek(toOffset: UInt64(offset + LogFormat.frameHeaderSize + LogFormat.fixedPayloadSize))
            try handle.write(contentsOf: Data("XYZ".utf8))
            try handle.close()
            #expect(read == expected)
            #expect(throws: EventStoreError.corrupt(file: name, offset: UInt64(offset), reason: "checksum mismatch")) {
                _ = try store.read(.all, from: .start, direction: .forward, maxCount: 40)
            }
        }
    }

    /// Records bigger than a run's chunk read whole, each in a run of its own, among small ones.
    @Test func recordsBiggerThanARunsChunkReadWhole() async throws {
        let directory = Batched.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = FileStoreOptions(durability: .os, segmentSize: 4 << 20, clock: ManualClock(), snapshotInterval: 0,
                                       tailCacheEvents: 0, tailCacheBytes: 0)
        var random = SplitMix64(seed: 33)
        let store = try FileEventStore.open(directory: directory, options: options)
        for n in 0..<12 {
            let size = n % 3 == 0 ? RecordChunks.size + Int(random.next() % 1_000) : Int(random.next() % 500)
            let data = Data((0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            _ = try await store.append(to: "Big-\(n % 2)", expected: .any, events: [EventData(type: "Sized", data: data)])
        }
        let reference = try (0..<store.headPosition).map { try store.event(at: $0) }
        let forward = try store.read(.all, from: .start, direction: .forward, maxCount: 100)
        let backward = try store.read(.stream("Big-0"), from: .end, direction: .backward, maxCount: 100)
        #expect(forward.count == 12 && zip(forward, reference).allSatisfy { Batched.same($0, $1) })
        #expect(backward.map(\.position) == [10, 8, 6, 4, 2, 0] && zip(backward, reference.filter { $0.stream == "Big-0" }.reversed())
            .allSatisfy { Batched.same($0, $1) })
        await store.close()
    }
}
