import Foundation
@testable import Store
import Testing

/// The saved index is read in place (parts on disk plus the tail in memory): for random
/// histories, saved and reopened at random points, it answers exactly as the memory store's
/// whole in-memory index does; a part whose tables are wrong though its checksums hold is
/// rebuilt; files a crashed save left behind are ignored and removed.
@Suite struct IndexInPlaceTests {
    static func options(snapshotInterval: UInt64) -> FileStoreOptions {
        FileStoreOptions(durability: .os, segmentSize: 8 << 10, clock: ManualClock(), snapshotInterval: snapshotInterval)
    }

    /// Every answer of the index that does not depend on the clock, as text.
    static func answers(_ store: any EventStore, streams: [String]) throws -> [String] {
        func line(_ event: RecordedEvent) -> String {
            "\(event.stream)#\(event.version)@\(event.position) \(event.type) \(event.id) \(event.link.map { "\($0.stream)#\($0.version)" } ?? "")"
        }
        var lines: [String] = []
        for prefix in [nil, "Account-", "Account-1", "Card", "$$", "Nope"] {
            lines.append("streams \(prefix ?? "*"): " + store.streams(prefix: prefix)
                .map { "\($0.name) \($0.lastVersion) \($0.lastPosition) \($0.isDeleted)" }.joined(separator: ", "))
        }
        for name in streams {
            lines.append("\(name) last \(String(describing: store.lastVersion(of: name))) \(try store.metadata(of: name))")
            for (start, direction) in [(StreamPosition.start, ReadDirection.forward), (.end, .backward), (.version(2), .forward), (.version(3), .backward)] {
                do {
                    lines.append(contentsOf: try store.read(ReadTarget(name), from: start, direction: direction, maxCount: 4).map(line))
                } catch {
                    lines.append("\(name) \(error)")
                }
            }
        }
        for target in ["$streams", "$ce-Account", "$ce-Card", "$et-Opened", "$et-Moved", "$all"] {
            lines.append(contentsOf: try store.read(target).map(line))
            lines.append(contentsOf: try store.read(target, from: .end, direction: .backward, maxCount: 5).map(line))
        }
        return lines
    }

    /// One random step, done to every store; returns each store's outcome.
    static func step(_ random: inout SplitMix64, _ n: inout Int, stores: [any EventStore]) async -> [String] {
        let roll = random.next() % 100
        let account = "Account-\(random.next() % 12)"
        let card = "Card-\(random.next() % 4)"
        let earlier = Int(random.next() % UInt64(max(1, n)))
        let count = Int(random.next() % 3) + 1
        var outcomes: [String] = []
        for store in stores {
            do {
                switch roll {
                case 0..<3:
                    try await store.setMetadata(StreamMetadata(maxCount: Int64(n % 4 + 1)), of: account)
                    outcomes.append("metadata")
                case 3..<5:
                    try await store.delete(stream: card, expected: .any)
                    outcomes.append("deleted")
                case 5:
                    try await store.tombstone(stream: account, expected: .any)
                    outcomes.append("tombstoned")
                case 6..<10:
                    // A retry of an event appended earlier (perhaps saved in a part since).
                    outcomes.append("\(try await store.append(to: account, expected: .any, events: [event(earlier)]))")
                default:
                    let events = (0..<count).map { event(n + $0, type: ($0 + n) % 3 == 0 ? "Opened" : "Moved") }
                    outcomes.append("\(try await store.append(to: roll % 2 == 0 ? account : card, expected: .any, events: events))")
                }
            } catch {
                outcomes.append("\(error)")
            }
        }
        if roll >= 10 { n += 3 }
        return outcomes
    }

    @Test(arguments: [UInt64(3), 50, 0])
    func reopenedPartsAndTailAnswerAsTheWholeInMemoryIndex(interval: UInt64) async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var random = SplitMix64(seed: 0xD15C + interval)
        let memory = MemoryEventStore(clock: ManualClock())
        let names = (0..<12).map { "Account-\($0)" } + (0..<4).map { "Card-\($0)" } + ["$$Account-1", "Nope-1"]
        var n = 1
        for round in 0..<8 {
            let file = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: interval))
            #expect(try Self.answers(file, streams: names) == Self.answers(memory, streams: names), "reopened, round \(round)")
            for _ in 0..<(20 + random.next() % 60) {
                let outcomes = await Self.step(&random, &n, stores: [memory, file])
                #expect(outcomes[0] == outcomes[1], "round \(round)")
            }
            #expect(try Self.answers(file, streams: names) == Self.answers(memory, streams: names), "round \(round)")
            await file.close()
        }
        let final = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: interval))
        #expect(try Self.answers(final, streams: names) == Self.answers(memory, streams: names))
        await final.close()
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func aRetryOfEventsSavedInAPartReturnsWhereTheyAreAndWritesNothing() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        let first = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
        _ = try await store.append(to: "Account-1", expected: .exact(1), events: [event(3)])
        await store.close()

        let reopened = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        #expect(reopened.headPosition == 3)
        #expect(try await reopened.append(to: "Account-1", expected: .any, events: [event(1), event(2)]) == first)
        #expect(try await reopened.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)]) == first)
        await #expect(throws: EventStoreError.idempotencyConflict(stream: "Account-1", eventId: id(9).uuidString.lowercased())) {
            try await reopened.append(to: "Account-1", expected: .any, events: [event(1), event(9)])
        }
        await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .exact(0), actual: 2)) {
            try await reopened.append(to: "Account-1", expected: .exact(0), events: [event(4)])
        }
        #expect(reopened.headPosition == 3)
        // A stream the parts know is not new to `$streams` when the tail adds to it.
        _ = try await reopened.append(to: "Account-1", expected: .exact(2), events: [event(4)])
        #expect(try reopened.read("$streams").map(\.stream) == ["Account-1"])
        await reopened.close()
    }

    // MARK: - Not trusting

    @Test func aPartWhoseTablesAreOutOfOrderThoughItsChecksumsHoldIsACorruptErrorWhenReadNeverAWrongStream() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        for n in 0..<40 { _ = try await store.append(to: "Account-\(n % 4)", expected: .any, events: [event(n)]) }
        await store.close()
        let name = "index-000000000000-000000000040.part"
        let path = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Swap the name offsets of the first two streams (names "Account-0" and "Account-1"),
        // then make every checksum right again, as a bug in a writer would leave them.
        let streams = IndexPart.headerSize + IndexPart.countsSize + 40 * 8
        for k in 0..<4 { bytes.swapAt(streams + k, streams + IndexPart.streamEntrySize + k) }
        let blocks = IndexPartBlocks(bodyLength: bytes.count - 16 - IndexPart.headerSize)
        #expect(blocks.fileSize == bytes.count && blocks.bodyBlocks == 1)
        func put(_ value: UInt32, at offset: Int) { withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<(offset + 4), with: $0) } }
        func crc(_ range: Range<Int>) -> UInt32 { bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[range])) } }
        put(crc(blocks.body(0)), at: blocks.tableAt)
        put(crc(blocks.table(0)), at: blocks.topAt)
        let checksum = crc(blocks.topAt..<blocks.fileSize)
        put(checksum, at: 52)
        put(crc(0..<64), at: 64)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        // The manifest names the part's checksum: write it again for the changed part.
        let encoded = IndexManifest(entries: [.init(range: 0..<40, checksum: checksum)]).encoded()
        try withExtendedLifetime(encoded) { try Data(encoded.bytes).write(to: directory.url.appendingPathComponent(IndexManifest.fileName)) }

        let problem = StoreVerifyReport.Problem(file: name, offset: UInt64(streams + IndexPart.streamEntrySize),
                                                reason: "index part is inconsistent: names out of order")
        #expect(try FileEventStore.verify(directory: directory.url).problems == [problem])
        // Opening checks blocks only as they are read: the first lookup in the table refuses.
        let reopened = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        let corrupt = EventStoreError.corrupt(file: problem.file, offset: problem.offset, reason: problem.reason)
        #expect(throws: corrupt) { try reopened.read("Account-0") }
        #expect(throws: corrupt) { try reopened.read("Account-1") }
        await #expect(throws: corrupt) { try await reopened.append(to: "Account-1", expected: .any, events: [event(40)]) }
        #expect(try reopened.read("$all").map(\.id) == (0..<40).map { id($0) })
        await reopened.close()
    }

    @Test func aPartWrittenByASaveThatCrashedBeforeItsManifestIsIgnoredAndRemoved() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        for n in 0..<30 { _ = try await store.append(to: "Account-\(n % 3)", expected: .any, events: [event(n)]) }
        await store.close()
        let manifestBefore = try Data(contentsOf: directory.url.appendingPathComponent(IndexManifest.fileName))
        store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        for n in 30..<50 { _ = try await store.append(to: "Card-\(n % 2)", expected: .any, events: [event(n)]) }
        await store.close()
        // As if the crash came after the new part's rename and before the manifest's: the old
        // manifest, the new part beside it, and a temporary file of a part half written.
        try manifestBefore.write(to: directory.url.appendingPathComponent(IndexManifest.fileName))
        try #require(FileManager.default.createFile(atPath: directory.path + "/index-000000000030-000000000060.part.tmp",
                                                    contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600]))
        #expect(try IndexPartTests.indexFiles(directory) == ["index-000000000000-000000000030.part", "index-000000000030-000000000050.part",
                                                             "index-000000000030-000000000060.part.tmp", "index.manifest"])

        store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 0))
        #expect(try store.read("$ce-Card").map(\.id) == (30..<50).map { id($0) })
        #expect(try store.read("$streams").map(\.stream) == ["Account-0", "Account-1", "Account-2", "Card-0", "Card-1"])
        _ = try await store.append(to: "Card-0", expected: .any, events: [event(50)])
        await store.close()
        #expect(try IndexPartTests.indexFiles(directory) == ["index-000000000000-000000000030.part", "index-000000000030-000000000051.part", "index.manifest"])
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }
}

extension IndexInPlaceTests {
    // MARK: - Saving at close

    @Test func aCloseAfterFewerEventsThanASixteenthOfTheIntervalSavesNothingAndTheNextOpenReadsThemFromTheLog() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 160))
        for n in 0..<9 { _ = try await store.append(to: "Account-\(n % 2)", expected: .any, events: [event(n)]) }
        await store.close()
        #expect(try IndexPartTests.indexFiles(directory) == [])

        store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 160))
        #expect(try store.read("Account-1").map(\.id) == [1, 3, 5, 7].map { id($0) })
        _ = try await store.append(to: "Account-1", expected: .exact(3), events: [event(9)])
        await store.close()
        // Ten new events reach a sixteenth of 160: this close saves them.
        #expect(try IndexPartTests.indexFiles(directory) == ["index-000000000000-000000000010.part", "index.manifest"])
        #expect(try FileEventStore.verify(directory: directory.url).snapshotPosition == 10)
    }
}
