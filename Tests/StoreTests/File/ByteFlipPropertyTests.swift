import Foundation
import Store
import Testing

/// Random byte flips anywhere in the segment files: no read ever returns a changed value with
/// success. Every read returns the original event or throws a corruption error, through the
/// memory-mapped path (real files) and the pread path (the simulated disk, which maps nothing).
@Suite struct ByteFlipPropertyTests {
    static let segmentSize = 8 << 10
    static let events = 150

    /// `.fsync` on the simulated disk, whose `damage` changes what was synced (and syncing costs nothing there).
    static func options(_ fileSystem: any StoreFileSystem = PosixFileSystem()) -> FileStoreOptions {
        FileStoreOptions(durability: fileSystem is PosixFileSystem ? .os : .fsync, segmentSize: segmentSize, clock: ManualClock(),
                         fileSystem: fileSystem)
    }

    /// Fills a store with events over several segments, closes it (leaving a snapshot), and
    /// returns every event as read back from a fresh open.
    static func fill(_ directory: URL, _ options: FileStoreOptions) async throws -> [RecordedEvent] {
        let store = try FileEventStore.open(directory: directory, options: options)
        for n in 0..<events {
            _ = try await store.append(to: "Account-\(n % 7)", expected: .any,
                                       events: [event(n, data: "{\"amount\":\"\(31_507 + n).69\",\"memo\":\"\(String(repeating: "x", count: n % 90))\"}")])
        }
        await store.close()
        let reopened = try FileEventStore.open(directory: directory, options: options)
        let all = try reopened.read("$all")
        await reopened.close()
        return all
    }

    /// Flips `count` random bytes of random segment files through `modify`.
    static func flip(_ names: [String], count: Int, random: inout SplitMix64, modify: (String, (inout [UInt8]) -> Void) throws -> Void) rethrows {
        for _ in 0..<count {
            let name = names[Int(random.next() % UInt64(names.count))]
            let offset = random.next()
            let bit = UInt8(1) << UInt8(random.next() % 8)
            try modify(name) { bytes in
                guard !bytes.isEmpty else { return }
                bytes[Int(offset % UInt64(bytes.count))] ^= bit
            }
        }
    }

    /// Opens the damaged store and reads everything every way; each read is the original or a
    /// corruption error. Returns how many reads were refused.
    static func check(_ directory: URL, _ options: FileStoreOptions, against original: [RecordedEvent], round: Int) async -> Int {
        func same(_ a: RecordedEvent, _ b: RecordedEvent) -> Bool {
            a.stream == b.stream && a.version == b.version && a.position == b.position && a.id == b.id && a.type == b.type
                && a.created == b.created && a.data == b.data && a.metadata == b.metadata
        }
        func isCorruption(_ error: EventStoreError) -> Bool {
            if case .corrupt = error { return true }
            return false
        }
        var refused = 0
        let store: FileEventStore
        do {
            store = try FileEventStore.open(directory: directory, options: options)
        } catch {
            #expect(isCorruption(error), "round \(round): opening failed with \(error)")
            return 1
        }
        #expect(store.headPosition == UInt64(original.count), "round \(round): acknowledged events went missing")
        for event in original {
            do {
                let read = try store.event(at: event.position)
                #expect(same(read, event), "round \(round): position \(event.position) read back changed")
            } catch {
                #expect(isCorruption(error), "round \(round): \(error)")
                refused += 1
            }
        }
        let byPosition = Dictionary(uniqueKeysWithValues: original.map { ($0.position, $0) })
        for target in ["$all"] + (0..<7).map({ "Account-\($0)" }) {
            do {
                for read in try store.read(target) {
                    #expect(byPosition[read.position].map { same(read, $0) } == true, "round \(round): \(target) read back a changed event")
                }
            } catch {
                #expect(isCorruption(error), "round \(round): \(error)")
                refused += 1
            }
        }
        await store.close()
        return refused
    }

    @Test func noReadOfAMappedStoreEverReturnsAFlippedByte() async throws {
        var random = SplitMix64(seed: 20_261_205)
        var refused = 0
        for round in 0..<40 {
            let directory = TemporaryDirectory()
            defer { directory.remove() }
            let original = try await Self.fill(directory.url, Self.options())
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("segment-") }.sorted()
            try Self.flip(names, count: 1 + Int(random.next() % 4), random: &random) { name, change in
                try CorruptionTests.modify(directory.path + "/" + name, change)
            }
            refused += await Self.check(directory.url, Self.options(), against: original, round: round)
        }
        // The flips did hit records: some reads were refused.
        #expect(refused > 0)
    }

    @Test func noReadThroughPreadEverReturnsAFlippedByte() async throws {
        var random = SplitMix64(seed: 17)
        var refused = 0
        let directory = URL(fileURLWithPath: "/sim/flips")
        for round in 0..<40 {
            let disk = SimulatedDisk()
            let original = try await Self.fill(directory, Self.options(disk))
            let names = disk.fileNames(in: directory.path).filter { $0.hasPrefix("segment-") }
            Self.flip(names, count: 1 + Int(random.next() % 4), random: &random) { name, change in
                disk.damage(directory.path + "/" + name, change)
            }
            refused += await Self.check(directory, Self.options(disk), against: original, round: round)
        }
        #expect(refused > 0)
    }
}
