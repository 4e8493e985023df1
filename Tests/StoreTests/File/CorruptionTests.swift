import Foundation
import Store
import Testing

/// Damaged files are refused with file and offset, or repaired, and never crash anything.
@Suite struct CorruptionTests {
    static let segmentSize = 8 << 10

    /// Interval 0: the index is saved at every close, however few events are new.
    static func options(readOnly: Bool = false) -> FileStoreOptions {
        FileStoreOptions(durability: .os, readOnly: readOnly, segmentSize: segmentSize, clock: ManualClock(), snapshotInterval: 0)
    }

    /// A closed store of 120 events over several segments.
    static func makeStore() async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        let store = try FileEventStore.open(directory: directory.url, options: options())
        for n in 0..<120 {
            _ = try await store.append(to: "Account-\(n % 5)", expected: .any, events: [event(n, data: String(repeating: "d", count: 150))])
        }
        await store.close()
        return directory
    }

    static func file(_ directory: TemporaryDirectory, _ name: String) -> String { directory.path + "/" + name }

    static func modify(_ path: String, _ body: (inout [UInt8]) -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        body(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// The saved index's files: the manifest and its parts.
    static func indexFiles(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("index") }.sorted()
    }

    static func removeSnapshot(_ directory: TemporaryDirectory) throws {
        for name in try indexFiles(directory) { try FileManager.default.removeItem(atPath: file(directory, name)) }
    }

    @Test func aFlippedByteInASealedSegmentIsRefusedWithFileAndOffset() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try Self.removeSnapshot(directory)
        try Self.modify(Self.file(directory, "segment-000000.log")) { $0[64 + 100] ^= 0x40 }
        #expect(throws: EventStoreError.corrupt(file: "segment-000000.log", offset: 64, reason: "checksum mismatch")) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        let report = try FileEventStore.verify(directory: directory.url)
        #expect(report.problems == [StoreVerifyReport.Problem(file: "segment-000000.log", offset: 64, reason: "checksum mismatch")])
    }

    @Test func verifyFindsAFlippedByteThatTheSnapshotLetsOpenSkip() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try Self.modify(Self.file(directory, "segment-000001.log")) { $0[64 + 20] ^= 0x01 }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true))
        let report = try store.verify()
        #expect(report.problems == [StoreVerifyReport.Problem(file: "segment-000001.log", offset: 64, reason: "checksum mismatch")])
        await store.close()
    }

    @Test func aTruncatedSealedSegmentIsRefused() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try Self.removeSnapshot(directory)
        try Self.modify(Self.file(directory, "segment-000000.log")) { $0.removeLast($0.count - 1000) }
        do {
            _ = try FileEventStore.open(directory: directory.url, options: Self.options())
            Issue.record("a truncated segment was accepted")
        } catch {
            guard case .corrupt(let file, _, _) = error else { Issue.record("unexpected \(error)"); return }
            #expect(file == "segment-000000.log" || file == "segment-000001.log")
        }
        #expect(try !FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func aFlippedByteMidLogIsAReadErrorNamingFileAndOffsetNeverData() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        // A byte of the first event's data (Account-0 version 0), under a snapshot that covers it.
        try Self.modify(Self.file(directory, "segment-000000.log")) { $0[64 + 100] ^= 0x01 }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        let corrupt = EventStoreError.corrupt(file: "segment-000000.log", offset: 64, reason: "checksum mismatch")
        #expect(throws: corrupt) { try store.read("Account-0") }
        #expect(throws: corrupt) { try store.read("$all") }
        #expect(throws: corrupt) { try store.event(at: 0) }
        #expect(throws: corrupt) { try store.event(stream: "Account-0", version: 0) }
        #expect(try store.event(at: 1).id == id(1))
        #expect(try store.read("Account-1").count == 24)
        await store.close()
    }

    @Test func aTruncatedSealedSegmentIsRefusedEvenWithASnapshotCoveringIt() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try Self.modify(Self.file(directory, "segment-000000.log")) { $0.removeLast($0.count - 1000) }
        let cut = EventStoreError.corrupt(file: "segment-000000.log", offset: 1000, reason: "sealed segment is cut short: 1000 of 8192 bytes")
        #expect(throws: cut) { try FileEventStore.open(directory: directory.url, options: Self.options()) }
        #expect(throws: cut) { try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true)) }
        #expect(try FileEventStore.verify(directory: directory.url).problems.first
            == StoreVerifyReport.Problem(file: "segment-000000.log", offset: 1000, reason: "sealed segment is cut short: 1000 of 8192 bytes"))
    }

    /// Opening checks the saved index's last record only (a fixed cost): a record damaged
    /// before it, at the end of a sealed segment, is found when it is read.
    @Test func aDamagedLastRecordOfASealedSegmentIsACorruptErrorNamingItWhenRead() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        let (offset, size) = try Self.lastRecord(of: Self.file(directory, "segment-000000.log"))
        try Self.modify(Self.file(directory, "segment-000000.log")) { $0[Int(offset) + size - 1] ^= 0x20 }
        let corrupt = EventStoreError.corrupt(file: "segment-000000.log", offset: offset, reason: "checksum mismatch")
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(throws: corrupt) { try store.read("$all") }
        #expect(try store.read("$all", from: .end, direction: .backward, maxCount: 10).map(\.id) == (110..<120).reversed().map { id($0) })
        await store.close()
        #expect(try FileEventStore.verify(directory: directory.url).problems.first
            == StoreVerifyReport.Problem(file: "segment-000000.log", offset: offset, reason: "checksum mismatch"))
    }

    /// The offset and size of a sealed segment's last record, found by walking its frames.
    static func lastRecord(of path: String) throws -> (UInt64, Int) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var offset = 64
        var last = (UInt64(0), 0)
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
            if length == 0 { break }
            last = (UInt64(offset), 8 + length)
            offset += 8 + length
        }
        return last
    }

    @Test func aMissingSegmentIsRefusedByName() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try FileManager.default.removeItem(atPath: Self.file(directory, "segment-000001.log"))
        #expect(throws: EventStoreError.corrupt(file: "segment-000001.log", offset: 0, reason: "segment file is missing")) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        #expect(try FileEventStore.verify(directory: directory.url).problems.first
            == StoreVerifyReport.Problem(file: "segment-000001.log", offset: 0, reason: "segment file is missing"))
    }

    @Test func aMissingLastSegmentIsRefusedBecauseTheCheckpointSaysMoreWasDurable() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try Self.removeSnapshot(directory)
        let last = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("segment-") }.sorted().last!
        try FileManager.default.removeItem(atPath: Self.file(directory, last))
        do {
            _ = try FileEventStore.open(directory: directory.url, options: Self.options())
            Issue.record("a store missing its last segment was accepted")
        } catch {
            guard case .corrupt = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func aDamagedSnapshotIsRebuiltFromTheLogNotTrusted() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000120.part", "index.manifest"])
        // The last byte of the block table (its padding: its checksum covers it too), which
        // sits before the top table's 8 bytes.
        let path = Self.file(directory, "index-000000000000-000000000120.part")
        let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
        try Self.modify(path) { $0[$0.count - 9] ^= 0xFF }
        #expect(try FileEventStore.verify(directory: directory.url).problems
            == [StoreVerifyReport.Problem(file: "index-000000000000-000000000120.part", offset: UInt64(size - 16),
                                          reason: "index part block table checksum mismatch")])
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try store.read("$all").map(\.id) == (0..<120).map { id($0) })
        #expect(try store.read("Account-3").count == 24)
        await store.close()
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func aSnapshotThatDisagreesWithTheLogIsNotTrusted() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        let snapshot = try Self.indexFiles(directory)
        // Put another store's saved index in place: valid checksums, a log of 121 events.
        let other = try await Self.makeStore()
        defer { other.remove() }
        let reopened = try FileEventStore.open(directory: other.url, options: Self.options())
        _ = try await reopened.append(to: "Card-1", expected: .any, events: [event(500)])
        await reopened.close()
        try Self.removeSnapshot(directory)
        for name in try Self.indexFiles(other) {
            try FileManager.default.copyItem(atPath: Self.file(other, name), toPath: Self.file(directory, name))
        }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(store.headPosition == 120)
        #expect(try store.read("$all").count == 120)
        await store.close()
        #expect(snapshot.count > 0)
    }

    @Test func aTornTailAfterTheDurablePointIsCutAndTheStoreCarriesOn() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        let last = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("segment-") }.sorted().last!
        let report = try FileEventStore.verify(directory: directory.url)
        #expect(report.isHealthy)
        // Garbage where the next record would go: a write that never completed.
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        await store.close()
        try Self.modify(Self.file(directory, last)) { bytes in
            let end = bytes.lastIndex(where: { $0 != 0 }).map { $0 + 1 } ?? 64
            for i in end..<min(end + 50, bytes.count) { bytes[i] = UInt8(truncatingIfNeeded: i * 7 + 1) }
        }
        #expect(try FileEventStore.verify(directory: directory.url).tornTail != nil)
        let repaired = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(repaired.headPosition == 120)
        _ = try await repaired.append(to: "Account-1", expected: .any, events: [event(777)])
        await repaired.close()
        let again = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try again.read("$all").last?.id == id(777))
        await again.close()
    }

    @Test func aDamagedCheckpointSlotIsReportedAndTheStoreStillOpens() async throws {
        let directory = try await Self.makeStore()
        defer { directory.remove() }
        try Self.modify(Self.file(directory, "checkpoint")) { $0[512 + 3] ^= 0xFF }
        #expect(try FileEventStore.verify(directory: directory.url).problems
            == [StoreVerifyReport.Problem(file: "checkpoint", offset: 512, reason: "checkpoint slot 1 is damaged")])
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(store.headPosition == 120)
        await store.close()
    }

    @Test func garbageInPlaceOfEveryFileNeverCrashesOpenOrVerify() async throws {
        var random = SplitMix64(seed: 7)
        for round in 0..<30 {
            let directory = try await Self.makeStore()
            defer { directory.remove() }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "lock" }.sorted()
            let name = names[Int(random.next() % UInt64(names.count))]
            try Self.modify(Self.file(directory, name)) { bytes in
                for _ in 0..<(1 + random.next() % 8) where !bytes.isEmpty {
                    bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next())
                }
            }
            _ = try FileEventStore.verify(directory: directory.url)
            do {
                let store = try FileEventStore.open(directory: directory.url, options: Self.options())
                for event in try store.read("$all") { _ = event.id }
                await store.close()
            } catch {
                guard case .corrupt = error else { Issue.record("round \(round): \(name): unexpected \(error)"); return }
            }
        }
    }
}
