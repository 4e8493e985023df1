import Foundation
@testable import Store
import Testing

/// Pages of the log are decoded in runs (`RecordRun`): frames first, CRC32Cs three records at a
/// time, then each record in order. These check that the batched path returns exactly what the
/// one-record path (`Segment.event`, `LogFrame.read`) returns, for random histories, and that a
/// damaged record still faults with its file and offset, whatever its place in a run.
@Suite struct BatchedRecordReadTests {
    static let segmentSize = 16 << 10

    static func options(readOnly: Bool = false) -> FileStoreOptions {
        // A close saves the index (interval 0), so a damaged record is met by reads, not by opening.
        FileStoreOptions(durability: .os, readOnly: readOnly, segmentSize: segmentSize, clock: ManualClock(), snapshotInterval: 0,
                         tailCacheEvents: 0, tailCacheBytes: 0)
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("batched-read-\(UUID().uuidString)")
    }

    /// A random history: streams and types of every length around the small-string limit,
    /// data and metadata from empty to larger than a CRC lane.
    static func fill(_ directory: URL, events: Int, seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let store = try FileEventStore.open(directory: directory, options: options())
        var written = 0
        while written < events {
            let stream = "S-" + String(repeating: "s", count: Int(random.next() % 30)) + "-\(random.next() % 9)"
            let batch = Int(random.next() % 5) + 1
            let appended = (0..<batch).map { _ in
                EventData(type: "T" + String(repeating: "t", count: Int(random.next() % 24)),
                          data: Data((0..<Int(random.next() % 700)).map { _ in UInt8(truncatingIfNeeded: random.next()) }),
                          metadata: Data((0..<Int(random.next() % 3 == 0 ? random.next() % 40 : 0)).map { UInt8(truncatingIfNeeded: $0) }))
            }
            _ = try await store.append(to: stream, expected: .any, events: appended)
            written += batch
        }
        await store.close()
    }

    static func same(_ a: RecordedEvent, _ b: RecordedEvent) -> Bool {
        a.stream == b.stream && a.version == b.version && a.position == b.position && a.id == b.id && a.type == b.type
            && a.created == b.created && a.data == b.data && a.metadata == b.metadata
    }

    /// Where each record starts, segment by segment, walking the files with `LogFrame.read`.
    static func recordOffsets(_ directory: URL) throws -> [(file: String, offset: Int)] {
        var places: [(file: String, offset: Int)] = []
        for index in 0... {
            let name = LogFormat.segmentName(index)
            guard let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else { break }
            bytes.withUnsafeBytes { raw in
                var offset = LogFormat.segmentHeaderSize
                while case .record(_, let size) = LogFrame.read(raw, at: offset) {
                    places.append((name, offset))
                    offset += size
                }
            }
        }
        return places
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func pagesOfAllAndOfStreamsEqualTheOneRecordPath(seed: UInt64) async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Self.fill(directory, events: 400, seed: seed)
        let store = try FileEventStore.open(directory: directory, options: Self.options(readOnly: true))
        defer { Task { await store.close() } }
        let head = store.headPosition
        #expect(head >= 400)
        // The one-record path: `event(at:)` decodes a single record through `LogFrame.read`.
        let reference = try (0..<head).map { try store.event(at: $0) }
        var random = SplitMix64(seed: seed ^ 0xA11)
        var forward: [RecordedEvent] = []
        while forward.count < Int(head) {
            let page = try store.read(.all, from: .version(Int64(forward.count)), direction: .forward, maxCount: Int(random.next() % 150) + 1)
            forward.append(contentsOf: page)
        }
        #expect(forward.count == reference.count)
        #expect(zip(forward, reference).allSatisfy { Self.same($0, $1) })
        let backward = try store.read(.all, from: .end, direction: .backward, maxCount: Int(head))
        #expect(backward.count == reference.count)
        #expect(zip(backward, reference.reversed()).allSatisfy { Self.same($0, $1) })
        for stream in Set(reference.map(\.stream)).sorted() {
            let expected = reference.filter { $0.stream == stream }
            let read = try store.read(.stream(stream), from: .start, direction: .forward, maxCount: 10_000)
            #expect(read.count == expected.count && zip(read, expected).allSatisfy { Self.same($0, $1) }, "\(stream)")
        }
    }

    /// A flipped bit in any record of a run, at each place of its group of three, makes a page
    /// read over it fault with the record's own file and offset; the records before it read.
    @Test func aFlippedByteFaultsWithItsRecordsPositionWhereverItSitsInARun() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Self.fill(directory, events: 300, seed: 7)
        let places = try Self.recordOffsets(directory)
        #expect(places.count >= 300)
        // Records 60...69 straddle the end of the first run of 64; 3k, 3k+1 and 3k+2 each take
        // their own lane of `CRC32C.checksums`.
        for victim in [0, 1, 2, 5, 62, 63, 64, 65, 66, places.count - 1] {
            let (name, offset) = places[victim]
            let path = directory.appendingPathComponent(name).path
            guard let original = FileManager.default.contents(atPath: path) else { Issue.record("no \(name)"); continue }
            var damaged = original
            // A byte of the payload past its fixed fields (a stream, type or data byte).
            damaged[offset + LogFormat.frameHeaderSize + LogFormat.fixedPayloadSize] ^= 0x10
            try damaged.write(to: URL(fileURLWithPath: path))
            defer { try? original.write(to: URL(fileURLWithPath: path)) }
            var store: FileEventStore?
            do {
                // The last record is also checked by opening (the saved index must be borne out
                // by the log's end): then opening reports it.
                let opened = try FileEventStore.open(directory: directory, options: Self.options(readOnly: true))
                store = opened
                _ = try opened.read(.all, from: .start, direction: .forward, maxCount: 1_000)
                Issue.record("record \(victim) damaged, yet $all read")
            } catch .corrupt(let file, let at, let reason) {
                #expect(file == name && at == UInt64(offset) && reason == "checksum mismatch", "record \(victim): \(file) \(at) \(reason)")
            } catch {
                Issue.record("record \(victim): \(error)")
            }
            if let store {
                if victim > 0 {
                    let before = try store.read(.all, from: .start, direction: .forward, maxCount: victim)
                    #expect(before.count == victim, "the records before \(victim) still read")
                }
                await store.close()
            } else {
                #expect(victim == places.count - 1, "only the last record is checked by opening")
            }
        }
    }

    /// With two damaged records in one run, the fault reported is the first in reading order,
    /// forward and backward, as reading them one at a time would report.
    @Test func theFirstDamagedRecordInReadingOrderIsTheOneReported() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await Self.fill(directory, events: 100, seed: 11)
        let places = try Self.recordOffsets(directory)
        let first = places[10], second = places[20]
        #expect(first.file == second.file)
        let path = directory.appendingPathComponent(first.file).path
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[first.offset + LogFormat.frameHeaderSize + 20] ^= 0x01 // a byte of its version
        bytes[second.offset] ^= 0x7F // its length: the frame no longer fits or checks
        try bytes.write(to: URL(fileURLWithPath: path))
        let store = try FileEventStore.open(directory: directory, options: Self.options(readOnly: true))
        defer { Task { await store.close() } }
        #expect(throws: EventStoreError.corrupt(file: first.file, offset: UInt64(first.offset), reason: "checksum mismatch")) {
            _ = try store.read(.all, from: .start, direction: .forward, maxCount: 64)
        }
        do {
            _ = try store.read(.all, from: .version(40), direction: .backward, maxCount: 64)
            Issue.record("a damaged record read backward")
        } catch .corrupt(let file, let at, _) {
            #expect(file == second.file && at == UInt64(second.offset))
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test(arguments: CRC32C.available)
    func threeChecksumsAtOnceEqualEachOnItsOwn(_ implementation: CRC32C.Implementation) {
        var random = SplitMix64(seed: 0x3C3C)
        let bytes = (0..<3_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        var disagreements: [String] = []
        bytes.withUnsafeBytes { all in
            func part() -> UnsafeRawBufferPointer {
                let length = Int(random.next() % 1_100), start = Int(random.next() % UInt64(3_000 - length))
                return UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
            }
            for round in 0..<500 {
                let (a, b, c) = (part(), part(), part())
                let together = CRC32C.checksums(a, b, c, using: implementation)
                let alone = (CRC32C.checksum(a, using: .software), CRC32C.checksum(b, using: .software), CRC32C.checksum(c, using: .software))
                if together != alone { disagreements.append("round \(round): lengths \(a.count) \(b.count) \(c.count)") }
            }
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            if CRC32C.checksums(empty, empty, UnsafeRawBufferPointer(rebasing: all[0..<9]), using: implementation)
                != (0, 0, CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[0..<9]), using: .software)) {
                disagreements.append("empty buffers")
            }
        }
        #expect(disagreements == [])
    }
}
