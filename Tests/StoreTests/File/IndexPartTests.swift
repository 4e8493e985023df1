import Foundation
@testable import Store
import Testing

/// The index is saved in parts, each written once: a close writes what is new, a damaged,
/// missing or stale last part is rebuilt from the log, an earlier one is opened and checked at
/// its first use (a damaged one is a corrupt error naming it), and a crash while saving leaves
/// a store that opens with every event.
@Suite struct IndexPartTests {
    static let directory = "/sim/store"

    static func options(segmentSize: Int = 8 << 10, snapshotInterval: UInt64 = 0) -> FileStoreOptions {
        FileStoreOptions(durability: .os, segmentSize: segmentSize, clock: ManualClock(), snapshotInterval: snapshotInterval)
    }

    static func indexFiles(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("index") }.sorted()
    }

    static func size(_ directory: TemporaryDirectory, _ name: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: directory.path + "/" + name)[.size] as? Int) ?? -1
    }

    /// Everything the index answers, as text: every stream with its events' ids, the system
    /// indexes, and metadata; two stores with the same contents give the same text.
    static func contents(of store: FileEventStore) throws -> [String] {
        var lines = ["head \(store.headPosition)"]
        for info in store.streams(prefix: nil) {
            let ids = info.isDeleted ? [] : try store.read(info.name).map { "\($0.version)@\($0.position)" }
            lines.append("\(info.name) last \(info.lastVersion) deleted \(info.isDeleted) \(ids)")
        }
        for target in ["$streams", "$ce-Account", "$ce-Card", "$et-Opened", "$et-Moved"] {
            let positions = (try? store.read(target).map(\.position)) ?? []
            lines.append("\(target) \(positions)")
        }
        lines.append("$all \(try store.read("$all").map(\.id))")
        return lines
    }

    // MARK: - Planning

    @Test func partsMergeLikeABinaryCounterAndSealedPartsStay() {
        var manifest = IndexManifest()
        #expect(manifest.ranges(extendedTo: 10) == [0..<10])
        manifest.entries = [.init(range: 0..<10, checksum: 1)]
        #expect(manifest.ranges(extendedTo: 10) == [0..<10])
        #expect(manifest.ranges(extendedTo: 11) == [0..<10, 10..<11])
        manifest.entries = [.init(range: 0..<10, checksum: 1), .init(range: 10..<11, checksum: 2)]
        #expect(manifest.ranges(extendedTo: 12) == [0..<10, 10..<12])
        manifest.entries = [.init(range: 0..<4, checksum: 1), .init(range: 4..<6, checksum: 2), .init(range: 6..<7, checksum: 3)]
        #expect(manifest.ranges(extendedTo: 8) == [0..<8])
        let sealed = IndexManifest.sealedEvents
        manifest.entries = [.init(range: 0..<sealed, checksum: 1)]
        #expect(manifest.ranges(extendedTo: sealed + 2 * sealed) == [0..<sealed, sealed..<(3 * sealed)])
    }

    @Test func aStreamFilterLetsThroughEveryStreamItHoldsAndFewOthers() {
        let held = (0..<5_000).map { "Payments-\($0 * 7)" }
        let words = StreamFilter.words(of: held)
        #expect(words.count == 128 * StreamFilter.blockWords)
        func passes(_ name: String) -> Bool {
            var name = name
            let hash = name.withUTF8 { StreamFilter.Hash(UnsafeRawBufferPointer($0)) }
            let base = Int(hash.block & UInt64(words.count / StreamFilter.blockWords - 1)) * StreamFilter.blockWords
            return (0..<StreamFilter.bitsPerName).allSatisfy { n in
                let (word, mask) = hash.bit(n)
                return words[base + word] & mask != 0
            }
        }
        #expect(held.allSatisfy(passes))
        let others = (0..<10_000).map { "Payments-\($0 * 7 + 3)" }.filter(passes).count
        #expect(others < 300, "\(others) of 10,000 names not held passed")
        // The hash is fixed (the filter is saved): FNV-1a then SplitMix64's mixer.
        var name = "Ledger-401234-12345678"
        let hash = name.withUTF8 { StreamFilter.Hash(UnsafeRawBufferPointer($0)) }
        #expect(hash.block == 0x6E85_C296_09BB_0D0D && hash.bits == 0x2BC0_8F02_3C22_CCE7)
    }

    @Test func aDeltaAbsorbedIntoTheIndexBeforeItGivesTheWholeIndex() throws {
        var random = SplitMix64(seed: 7)
        var whole = StreamIndex()
        var prefix = StreamIndex()
        let split: UInt64 = 37
        for n in 0..<80 {
            let stream = n % 9 == 0 ? "$$Account-\(random.next() % 3)" : "Account-\(random.next() % 5)"
            let type = stream.hasPrefix("$$") ? StreamIndex.metadataType : (n % 2 == 0 ? "Opened" : "Moved")
            let data = Data("{\"$maxCount\":\(n % 7 + 1)}".utf8)
            whole.apply(stream: stream, type: type, data: data, id: id(n))
            if whole.nextPosition == split { prefix = whole }
        }
        var rebuilt = prefix
        rebuilt.absorb(whole.delta(since: split))
        #expect(rebuilt.nextPosition == whole.nextPosition)
        for name in (0..<5).map({ "Account-\($0)" }) + (0..<3).map({ "$$Account-\($0)" }) {
            #expect(try rebuilt.positions(of: .stream(name), head: .max).positions == whole.positions(of: .stream(name), head: .max).positions)
            #expect(rebuilt.metadata(of: name) == whole.metadata(of: name))
        }
        for target in [ReadTarget.category("Account"), .eventType("Opened"), .eventType("Moved"), .streams] {
            #expect(try rebuilt.positions(of: target, head: .max).positions == whole.positions(of: target, head: .max).positions)
        }
    }

    // MARK: - Saving

    @Test func aCloseAfterOneAppendWritesOnlyASmallPartAndLeavesTheOldOneAsItWas() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        for n in 0..<300 { _ = try await store.append(to: "Account-\(n % 7)", expected: .any, events: [event(n)]) }
        await store.close()
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000300.part", "index.manifest"])
        let first = try Data(contentsOf: directory.url.appendingPathComponent("index-000000000000-000000000300.part"))

        let reopened = try FileEventStore.open(directory: directory.url, options: Self.options())
        _ = try await reopened.append(to: "Account-1", expected: .any, events: [event(300)])
        await reopened.close()
        #expect(try Self.indexFiles(directory)
            == ["index-000000000000-000000000300.part", "index-000000000300-000000000301.part", "index.manifest"])
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("index-000000000000-000000000300.part")) == first)
        #expect(try Self.size(directory, "index-000000000300-000000000301.part") < 400)
        #expect(try Self.size(directory, "index.manifest") == 24 + 2 * 24)

        let again = try FileEventStore.open(directory: directory.url, options: Self.options(), )
        #expect(try again.read("Account-1").map(\.id).last == id(300))
        #expect(try again.read("$all").count == 301)
        await again.close()
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func smallPartsAreMergedSoTheirNumberStaysLogarithmic() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        for n in 0..<16 {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options())
            _ = try await store.append(to: "Account-\(n % 3)", expected: .any, events: [event(n)])
            await store.close()
        }
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000016.part", "index.manifest"])
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try store.read("$all").map(\.id) == (0..<16).map { id($0) })
        await store.close()
    }

    @Test func partsSavedAtRandomPointsGiveTheSameIndexAsARebuildFromTheLog() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var random = SplitMix64(seed: 11)
        var n = 0
        for _ in 0..<12 {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options(snapshotInterval: 17))
            for _ in 0..<(random.next() % 60) {
                let stream = random.next() % 2 == 0 ? "Account-\(random.next() % 6)" : "Card-\(random.next() % 3)"
                let count = Int(random.next() % 3) + 1
                let events = (0..<count).map { k in event(n + k, type: k % 2 == 0 ? "Opened" : "Moved") }
                n += count
                _ = try await store.append(to: stream, expected: .any, events: events)
                if random.next() % 25 == 0 {
                    try await store.setMetadata(StreamMetadata(maxCount: Int64(random.next() % 4 + 1)), of: "Account-\(random.next() % 6)")
                }
                if random.next() % 40 == 0 { try await store.delete(stream: "Card-\(random.next() % 3)", expected: .any) }
            }
            await store.close()
        }
        let saved = try FileEventStore.open(directory: directory.url, options: Self.options())
        let fromParts = try Self.contents(of: saved)
        await saved.close()
        for name in try Self.indexFiles(directory) { try FileManager.default.removeItem(atPath: directory.path + "/" + name) }
        let rebuilt = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try Self.contents(of: rebuilt) == fromParts)
        await rebuilt.close()
    }

    // MARK: - Not trusting

    /// Puts in `directory` (a `storeInThreeParts` store) the middle part of a log of the same
    /// shape with other streams, named by the manifest: its checksums hold, only the log can
    /// tell. Returns the part's name.
    static func replaceMiddlePartWithAnotherLogs(in directory: TemporaryDirectory) async throws -> String {
        let other = try await storeInThreeParts(category: "Card")
        defer { other.remove() }
        let name = "index-000000000064-000000000096.part"
        try FileManager.default.removeItem(atPath: directory.path + "/" + name)
        try FileManager.default.copyItem(atPath: other.path + "/" + name, toPath: directory.path + "/" + name)
        func manifest(_ directory: TemporaryDirectory) throws -> IndexManifest {
            try #require(try IndexManifest.load(directory: directory.path, fileSystem: PosixFileSystem())).get()
        }
        var edited = try manifest(directory)
        edited.entries[1].checksum = try manifest(other).entries[1].checksum
        let encoded = edited.encoded()
        try withExtendedLifetime(encoded) { try Data(encoded.bytes).write(to: URL(fileURLWithPath: directory.path + "/index.manifest")) }
        return name
    }

    /// A store closed three times, so that its index is in three parts: 0..<64, 64..<96, 96..<100.
    static func storeInThreeParts(category: String = "Account") async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        var n = 0
        for count in [64, 32, 4] {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options())
            for _ in 0..<count {
                _ = try await store.append(to: "\(category)-\(n % 5)", expected: .any, events: [event(n, type: n % 2 == 0 ? "Opened" : "Moved")])
                n += 1
            }
            await store.close()
        }
        return directory
    }

    /// Which of the store's parts are open (opening opens only the last; others on first use).
    static func openParts(_ store: FileEventStore) -> [Bool] {
        store.state.withLock { $0.saved.parts.map(\.isOpen) }
    }

    @Test func openingOpensOnlyTheLastPartAndEachOtherIsOpenedWhenFirstUsed() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(Self.openParts(store) == [false, false, true])
        #expect(try store.event(at: 10).id == id(10))
        #expect(Self.openParts(store) == [true, false, true])
        #expect(try store.read("Account-2").map(\.position) == Array(stride(from: 2, to: 100, by: 5)))
        #expect(Self.openParts(store) == [true, true, true])
        await store.close()
    }

    @Test func aDamagedMiddlePartIsACorruptErrorNamingItAtFirstUseNeverAnAnswerAndARebuildRepairsIt() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        let name = "index-000000000064-000000000096.part"
        let middle = directory.path + "/" + name
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000064.part", name,
                                                    "index-000000000096-000000000100.part", "index.manifest"])
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: middle)))
        bytes[100] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: middle))
        let problem = StoreVerifyReport.Problem(file: name, offset: 72, reason: "index part block checksum mismatch")
        #expect(try FileEventStore.verify(directory: directory.url).problems == [problem])

        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        let corrupt = EventStoreError.corrupt(file: name, offset: 72, reason: problem.reason + SavedPart.remedy)
        #expect(try store.read("$all", from: .start, direction: .forward, maxCount: 64).map(\.id) == (0..<64).map { id($0) })
        #expect(try store.event(at: 97).id == id(97))
        #expect(throws: corrupt) { try store.read("$all") }
        #expect(throws: corrupt) { try store.read("Account-2") }
        #expect(throws: corrupt) { try store.read("$et-Moved") }
        // Used again, it is opened and checked again: the same error.
        #expect(throws: corrupt) { try store.event(at: 70) }
        await store.close()

        // Without a manifest the index is rebuilt from the log.
        try FileManager.default.removeItem(atPath: directory.path + "/index.manifest")
        let rebuilt = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try rebuilt.read("$all").map(\.id) == (0..<100).map { id($0) })
        #expect(try rebuilt.read("Account-2").map(\.position) == Array(stride(from: 2, to: 100, by: 5)))
        await rebuilt.close()
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000100.part", "index.manifest"])
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func rebuildingTheIndexReplacesADamagedPartFromTheLogWithoutTouchingTheLog() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        let name = "index-000000000064-000000000096.part"
        let middle = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: middle)))
        bytes[100] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: middle))
        let log = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/segment-000000.log"))
        #expect(!(try FileEventStore.verify(directory: directory.url).isHealthy))

        var options = Self.options()
        options.rebuildIndex = true
        let rebuilt = try FileEventStore.open(directory: directory.url, options: options)
        #expect(try rebuilt.read("$all").map(\.id) == (0..<100).map { id($0) })
        #expect(try rebuilt.read("Account-2").map(\.position) == Array(stride(from: 2, to: 100, by: 5)))
        await rebuilt.close()
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000100.part", "index.manifest"])
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/segment-000000.log")) == log)
        // A read-only open never rebuilds: it cannot write the index.
        options.readOnly = true
        let reader = try FileEventStore.open(directory: directory.url, options: options)
        #expect(try reader.read("Account-2").count == 20)
        await reader.close()
    }

    @Test func aMiddlePartWithADamagedHeaderIsNotReadAtOpenAndIsACorruptErrorAtFirstUse() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        let name = "index-000000000000-000000000064.part"
        let path = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[20] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let problem = StoreVerifyReport.Problem(file: name, offset: 0, reason: "index part header checksum mismatch")
        #expect(try FileEventStore.verify(directory: directory.url).problems == [problem])

        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(Self.openParts(store) == [false, false, true])
        let corrupt = EventStoreError.corrupt(file: name, offset: 0, reason: problem.reason + SavedPart.remedy)
        #expect(throws: corrupt) { try store.event(at: 3) }
        #expect(throws: corrupt) { try store.read("Account-0") }
        #expect(Self.openParts(store) == [false, false, true])
        #expect(try store.event(at: 64).id == id(64))
        await store.close()
    }

    @Test func aMiddlePartThatTheLogDoesNotBearOutIsACorruptErrorAtFirstUse() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        let name = try await Self.replaceMiddlePartWithAnotherLogs(in: directory)

        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let corrupt = EventStoreError.corrupt(file: name, offset: 0, reason: "index part does not match the log" + SavedPart.remedy)
        #expect(try store.event(at: 10).id == id(10))
        #expect(throws: corrupt) { try store.event(at: 70) }
        #expect(throws: corrupt) { try store.read("Account-1") }
        await store.close()
        let problems = try FileEventStore.verify(directory: directory.url).problems
        #expect(problems.map(\.file) == [name])
    }

    /// A store of 2,000 events on seven streams, in one segment, its index in one part of
    /// several blocks.
    static func storeOf2000EventsInOnePart() async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        let store = try FileEventStore.open(directory: directory.url, options: Self.options(segmentSize: 8 << 20))
        for n in 0..<2_000 { _ = try await store.append(to: "Account-\(n % 7)", expected: .any, events: [event(n)]) }
        await store.close()
        return directory
    }

    @Test func aBlockDamagedAfterItsPartWasSavedIsACorruptErrorNamingItWhenFirstReadAndOpeningDoesNotReadIt() async throws {
        let directory = try await Self.storeOf2000EventsInOnePart()
        defer { directory.remove() }
        let name = "index-000000000000-000000002000.part"
        // Locations take 8 bytes an event from offset 120: block 2 (from 72 + 8,192) holds
        // those of positions 1,018 to 1,529.
        let block = IndexPart.headerSize + 2 * IndexPartBlocks.size
        let path = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[block + 100] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let problem = StoreVerifyReport.Problem(file: name, offset: UInt64(block), reason: "index part block checksum mismatch")
        #expect(try FileEventStore.verify(directory: directory.url).problems == [problem])

        let reopened = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let corrupt = EventStoreError.corrupt(file: name, offset: UInt64(block), reason: problem.reason)
        #expect(try reopened.read("$all", from: .start, direction: .forward, maxCount: 1_000).map(\.id) == (0..<1_000).map { id($0) })
        #expect(throws: corrupt) { try reopened.read("$all") }
        #expect(throws: corrupt) { try reopened.event(at: 1_200) }
        #expect(throws: corrupt) { try reopened.read("Account-3") }
        // Asked again, the block is checked again: the same error, never its bytes.
        #expect(throws: corrupt) { try reopened.event(at: 1_200) }
        #expect(try reopened.event(at: 1_600).id == id(1_600))
        await reopened.close()
    }

    /// `lastVersion(of:)` and `streams(prefix:)` cannot throw: a damaged block met there answers
    /// nil or nothing, and stops the writer with the reason, so no append is decided on it and
    /// the console and `run` say why.
    @Test func aDamagedBlockMetWhereNoErrorCanBeThrownStopsTheWriterWithTheReason() async throws {
        let directory = try await Self.storeOf2000EventsInOnePart()
        defer { directory.remove() }
        let name = "index-000000000000-000000002000.part"
        let probe = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let bodyBlocks = try #require(try probe.state.withLock { state throws(EventStoreError) in try state.saved.parts.first?.file().blocks.bodyBlocks })
        await probe.close()
        // Every block but those opening reads (the first, and the one with the last location).
        let path = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for block in 1..<bodyBlocks where block != 3 { bytes[IndexPart.headerSize + block * IndexPartBlocks.size + 100] ^= 0x04 }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let store = try FileEventStore.open(directory: directory.url, options: Self.options(segmentSize: 8 << 20))
        #expect(store.writerFailure == nil)
        #expect(store.lastVersion(of: "Account-3") == nil)
        let failure = try #require(store.writerFailure)
        #expect(failure.contains("the index is damaged") && failure.contains(name))
        await #expect(throws: EventStoreError.writerFailed(failure)) {
            try await store.append(to: "Account-9", expected: .any, events: [event(2_000)])
        }
        #expect(store.streams(prefix: "Account-").isEmpty)
        await store.close()
    }

    @Test func aPartIsCheckedBlockByBlockOnlyWhereItIsRead() async throws {
        let directory = try await Self.storeOf2000EventsInOnePart()
        defer { directory.remove() }
        let reopened = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let part = try #require(try reopened.state.withLock { state throws(EventStoreError) in try state.saved.parts.first?.file() })
        let checked = { (0..<part.blocks.bodyBlocks).filter { part.checked.contains($0) } }
        #expect(part.blocks.bodyBlocks > 6)
        // Opening checked the first block (the counts) and the one holding the last location.
        #expect(checked() == [0, 3])
        _ = try reopened.event(at: 1_100)
        #expect(checked() == [0, 2, 3])
        await reopened.close()
    }

    @Test func aMissingPartIsRebuiltFromTheLog() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        try FileManager.default.removeItem(atPath: directory.path + "/index-000000000096-000000000100.part")
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try store.read("$all").map(\.id) == (0..<100).map { id($0) })
        #expect(try store.read("Account-4").count == 20)
        await store.close()
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func aPartOfAnotherLogIsNotTrusted() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        // Same positions, other events: the part's checksums hold but its last record does not.
        let other = TemporaryDirectory()
        defer { other.remove() }
        var n = 0
        for count in [64, 32, 4] {
            let store = try FileEventStore.open(directory: other.url, options: Self.options())
            for _ in 0..<count {
                _ = try await store.append(to: "Card-\(n % 3)", expected: .any, events: [event(1_000 + n)])
                n += 1
            }
            await store.close()
        }
        for name in ["index-000000000064-000000000096.part", "index-000000000096-000000000100.part", "index.manifest"] {
            try FileManager.default.removeItem(atPath: directory.path + "/" + name)
            try FileManager.default.copyItem(atPath: other.path + "/" + name, toPath: directory.path + "/" + name)
        }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try store.read("$all").map(\.id) == (0..<100).map { id($0) })
        #expect(throws: EventStoreError.streamNotFound("Card-1")) { try store.read("Card-1") }
        await store.close()
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func aDamagedManifestIsRebuiltFromTheLog() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        let manifest = directory.path + "/index.manifest"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: manifest)))
        bytes[20] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: manifest))
        #expect(try FileEventStore.verify(directory: directory.url).problems
            == [StoreVerifyReport.Problem(file: "index.manifest", offset: 0, reason: "index manifest checksum mismatch")])
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try store.read("$all").map(\.id) == (0..<100).map { id($0) })
        await store.close()
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000100.part", "index.manifest"])
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func aStoreWithAnOldWholeIndexSnapshotOpensAndIsSavedInParts() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        for name in try Self.indexFiles(directory) { try FileManager.default.removeItem(atPath: directory.path + "/" + name) }
        // The header of the old format ("BANKIDX1", format 2) and a body: never read, as its
        // layout is gone; the index is rebuilt from the log.
        var legacy = [UInt8](repeating: 0, count: 200)
        withUnsafeBytes(of: UInt64(0x3158_4449_4B4E_4142).littleEndian) { legacy.replaceSubrange(0..<8, with: $0) }
        legacy[8] = 2
        try #require(FileManager.default.createFile(atPath: directory.path + "/index.snapshot", contents: Data(legacy), attributes: [.posixPermissions: 0o600]))

        let readOnly = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(try readOnly.read("$all").count == 100)
        await readOnly.close()
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(try store.read("$all").map(\.id) == (0..<100).map { id($0) })
        #expect(try Self.indexFiles(directory) == ["index-000000000000-000000000100.part", "index.manifest"])
        await store.close()
        #expect(try FileEventStore.verify(directory: directory.url).isHealthy)
    }

    @Test func indexPartsAndTheManifestArePrivate() async throws {
        let directory = try await Self.storeInThreeParts()
        defer { directory.remove() }
        for name in try Self.indexFiles(directory) {
            let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
    }

    // MARK: - Crashing while saving

    /// Appends `rounds` of events (closing, and so saving, after each), then `last` more, and
    /// crashes the save at close at each sync in turn; after each crash the store must open with
    /// every event and answer as it did before the crash. Returns how many saves crashed.
    static func powerLossAtEachSyncOfTheLastSave(rounds: [Int], last: Int) async throws -> Int {
        var random = SplitMix64(seed: 3)
        var crashedSaves = 0
        for crashAt in 1...12 {
            let disk = SimulatedDisk()
            let options = FileStoreOptions(durability: .fsync, segmentSize: 4096, clock: ManualClock(), fileSystem: disk, snapshotInterval: 0)
            let url = URL(fileURLWithPath: Self.directory)
            var n = 0
            for count in rounds {
                let store = try FileEventStore.open(directory: url, options: options)
                for _ in 0..<count {
                    _ = try await store.append(to: "Account-\(n % 4)", expected: .any, events: [event(n, data: String(repeating: "x", count: 90))])
                    n += 1
                }
                await store.close()
            }
            let store = try FileEventStore.open(directory: url, options: options)
            for _ in 0..<last {
                _ = try await store.append(to: "Card-\(n % 2)", expected: .any, events: [event(n)])
                n += 1
            }
            let before = try contents(of: store)
            // Every event is durable now; the crash can only hit the save at close.
            disk.crash(atSync: crashAt)
            await store.close()
            if disk.hasCrashed { crashedSaves += 1 }
            let after = disk.afterCrash(using: &random)
            var afterOptions = options
            afterOptions.fileSystem = after
            let reopened = try FileEventStore.open(directory: url, options: afterOptions)
            #expect(try reopened.read("$all").map(\.id) == (0..<n).map { id($0) }, "crash at sync \(crashAt)")
            #expect(try contents(of: reopened) == before, "crash at sync \(crashAt)")
            await reopened.close()
            let again = try FileEventStore.open(directory: url, options: afterOptions)
            #expect(try contents(of: again) == before, "crash at sync \(crashAt)")
            await again.close()
        }
        return crashedSaves
    }

    @Test func aPowerLossAtAnySyncOfASaveLeavesAStoreThatOpensWithEveryEvent() async throws {
        // Parts 0..<40 and 40..<60; the save at close adds 60..<65, merging nothing.
        let crashedSaves = try await Self.powerLossAtEachSyncOfTheLastSave(rounds: [40, 20], last: 5)
        // A save syncs twice (its part, then the manifest): a crash at each was tried.
        #expect(crashedSaves == 2)
    }

    @Test func aPowerLossAtAnySyncOfASaveThatMergesPartsLeavesAStoreThatOpensWithEveryEvent() async throws {
        // Parts 0..<20 and 20..<30; the save at close merges them with 30..<40 into 0..<40.
        let crashedSaves = try await Self.powerLossAtEachSyncOfTheLastSave(rounds: [20, 10], last: 10)
        #expect(crashedSaves == 2)
    }
}
