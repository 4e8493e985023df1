import Foundation
@testable import Store
import Testing

/// The store-wide stream filter: a lookup asks it instead of every sealed part, and only the
/// parts it does not rule out are asked; it never rules out a part holding the stream, and a damaged, stale or foreign one is
/// not trusted (the parts answer) and is written again by the next save.
@Suite struct StoreStreamFilterTests {
    /// Parts of 16 events or more are sealed, so that small stores have some.
    static func options(segmentSize: Int = 8 << 10) -> FileStoreOptions {
        var options = IndexPartTests.options(segmentSize: segmentSize)
        options.sealedPartEvents = 16
        return options
    }

    /// A store closed three times: parts 0..<40 (`Account-0` to `-4`) and 40..<70 (`Card-0` to
    /// `-2`), sealed and covered by the filter, then 70..<75 (`Loan-0`, `-1`), not sealed.
    static func storeWithSealedParts(batches: [(String, Int, Int)] = [("Account", 40, 5), ("Card", 30, 3), ("Loan", 5, 2)]) async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        var n = 0
        for (category, count, streams) in batches {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options())
            for _ in 0..<count {
                _ = try await store.append(to: "\(category)-\(n % streams)", expected: .any, events: [event(n)])
                n += 1
            }
            await store.close()
        }
        return directory
    }

    static func filterPath(_ directory: TemporaryDirectory) -> String { directory.path + "/" + StoreStreamFilter.fileName }

    /// The parts the filter on disk covers.
    static func covered(_ directory: TemporaryDirectory) async throws -> [Range<UInt64>] {
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let ranges = store.state.withLock { $0.saved.filter?.entries()?.map(\.range) ?? [] }
        await store.close()
        return ranges
    }

    static func problem(_ store: FileEventStore) -> String? { store.state.withLock { $0.saved.filter?.problem } }

    @Test func aNewStreamsLookupAsksTheFilterInsteadOfTheSealedPartsAndAnExistingStreamStillFindsThem() async throws {
        let directory = try await Self.storeWithSealedParts()
        defer { directory.remove() }
        #expect(try IndexPartTests.indexFiles(directory) == ["index-000000000000-000000000040.part", "index-000000000040-000000000070.part",
                                                             "index-000000000070-000000000075.part", "index.filter", "index.manifest"])
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(IndexPartProbeTests.states(store) == ["-", "-", "open"])
        #expect(store.lastVersion(of: "Nobody-1") == nil)
        #expect(IndexPartProbeTests.states(store) == ["-", "-", "open"])
        // A stream of one sealed part: only that part is asked (opened, its filter's "maybe"
        // being the store-wide one's).
        #expect(try store.read("Card-1").map(\.position) == Array(stride(from: 40, to: 70, by: 3)))
        #expect(IndexPartProbeTests.states(store) == ["-", "open", "open"])
        #expect(store.lastVersion(of: "Account-4") == 7)
        #expect(Self.problem(store) == nil)
        // Every sealed part open: each answers from its own mapped filter, the store-wide one
        // is not read.
        #expect(IndexPartProbeTests.states(store) == ["open", "open", "open"])
        #expect(store.state.withLock { $0.saved.filterRulesOut(Self.hash("Nobody-2")) } == [])
        #expect(store.lastVersion(of: "Nobody-2") == nil)
        await store.close()

        let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
        let results = await writer.append([StreamAppend(stream: "Account-2", expected: .noStream, events: [event(100)])])
        await writer.close()
        #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-2", expected: .noStream, actual: 7)) { try results[0].get() }
    }

    /// Many random names over three sealed parts: no name a part holds is ever ruled out, and
    /// every name the filter rules out is in none of them.
    @Test func theFiltersAnswersAgreeWithThePartsForRandomStreams() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var random = SplitMix64(seed: 0x5EED)
        var n = 0
        for batch in [3_000, 2_000, 2_000, 10] {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options())
            var appends: [StreamAppend] = []
            for _ in 0..<batch {
                appends.append(StreamAppend(stream: "Stream-\(random.next() % 20_000)", expected: .any, events: [event(n)]))
                n += 1
            }
            for result in await store.append(appends) { _ = try result.get() }
            await store.close()
        }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let saved = store.state.withLock { $0.saved }
        #expect(saved.filter?.entries()?.map(\.range) == [0..<3_000, 3_000..<5_000, 5_000..<7_000])
        // Asked before any sealed part is opened (once they all are, it is not asked).
        let answers = (0..<20_000).map { saved.filterRulesOut(Self.hash("Stream-\($0)")) }
        var ruledOut = 0, absent = 0
        for k in 0..<20_000 {
            var name = "Stream-\(k)"
            let skipped = answers[k]
            #expect(skipped.count == 3)
            for (part, ruled) in zip(saved.parts, skipped) {
                let file = try part.file()
                let held = try name.withUTF8 { utf8 throws(EventStoreError) in try file.slot(ofStream: UnsafeRawBufferPointer(utf8)) } != nil
                #expect(!(held && ruled), "\(name) in \(part.name)")
                if ruled { ruledOut += 1 }
                if !held { absent += 1 }
            }
        }
        await store.close()
        // About 1 in 100 of the names a part does not hold passes: the filter rules out the others.
        #expect(absent > 3 * 10_000 && ruledOut <= absent && ruledOut > absent * 95 / 100)
    }

    static func hash(_ name: String) -> StreamFilter.Hash {
        var name = name
        return name.withUTF8 { StreamFilter.Hash(UnsafeRawBufferPointer($0)) }
    }

    @Test func aDamagedFilterIsNotTrustedThePartsAnswerAndTheNextSaveWritesItAgain() async throws {
        for offset in [66, -10] {
            let directory = try await Self.storeWithSealedParts()
            defer { directory.remove() }
            let path = Self.filterPath(directory)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[offset < 0 ? bytes.count + offset : offset] ^= 0x04
            try Data(bytes).write(to: URL(fileURLWithPath: path))

            let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
            #expect(store.lastVersion(of: "Nobody-1") == nil)
            #expect(IndexPartProbeTests.states(store) == ["probed", "probed", "open"])
            let reason = offset < 0 ? "index.filter: page checksum mismatch at offset " : "index.filter: header checksum mismatch"
            #expect(Self.problem(store)?.hasPrefix(reason) == true, "\(Self.problem(store) ?? "trusted")")
            #expect(try store.read("Account-3").count == 8)
            await store.close()

            let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
            _ = try await writer.append(to: "Loan-0", expected: .any, events: [event(200)])
            await writer.close()
            #expect(try await Self.covered(directory) == [0..<40, 40..<70])
            let reader = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
            #expect(reader.lastVersion(of: "Nobody-1") == nil)
            // The sealed parts are not asked; the two small ones are (the close made 75..<76).
            #expect(IndexPartProbeTests.states(reader) == ["-", "-", "probed", "open"])
            await reader.close()
        }
    }

    @Test func aFilterOfAnotherLogOrOfPartsNoLongerInForceIsNotTrusted() async throws {
        let directory = try await Self.storeWithSealedParts()
        defer { directory.remove() }
        let own = try Data(contentsOf: URL(fileURLWithPath: Self.filterPath(directory)))
        // Another log of the same shape, other names: its filter covers the same ranges, with
        // other checksums.
        let other = try await Self.storeWithSealedParts(batches: [("Savings", 40, 5), ("Card", 30, 3), ("Loan", 5, 2)])
        defer { other.remove() }
        try FileManager.default.removeItem(atPath: Self.filterPath(directory))
        try FileManager.default.copyItem(atPath: Self.filterPath(other), toPath: Self.filterPath(directory))
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(store.lastVersion(of: "Account-1") == 7)
        #expect(store.lastVersion(of: "Nobody-1") == nil)
        #expect(IndexPartProbeTests.states(store) == ["open", "probed", "open"])
        await store.close()

        // Rebuilt, the index is one part 0..<75: the store's own filter of its first two parts
        // is stale.
        var options = Self.options()
        options.rebuildIndex = true
        let rebuilt = try FileEventStore.open(directory: directory.url, options: options)
        await rebuilt.close()
        #expect(try await Self.covered(directory) == [0..<75])
        try own.write(to: URL(fileURLWithPath: Self.filterPath(directory)))
        #expect(try await Self.covered(directory) == [0..<40, 40..<70])
        let stale = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(stale.state.withLock { $0.saved.filterRulesOut(Self.hash("Nobody-1")) } == [])
        #expect(stale.lastVersion(of: "Nobody-1") == nil)
        #expect(stale.lastVersion(of: "Account-1") == 7)
        #expect(Self.problem(stale) == nil)
        await stale.close()
    }

    /// The filter is written after the save's manifest: a sealed part found damaged while
    /// writing it leaves the save done, the filter as it was (still standing for the parts it
    /// covers) and the reason.
    @Test func aSealedPartFoundDamagedWhileWritingTheFilterLeavesTheSaveDoneAndSaysWhy() async throws {
        let directory = try await Self.storeWithSealedParts()
        defer { directory.remove() }
        let name = "index-000000000000-000000000040.part"
        let path = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[100] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        // The filter rules the damaged part out for these appends; the close seals 70..<95.
        let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
        for n in 0..<20 { _ = try await writer.append(to: "Loan-\(n % 2)", expected: .any, events: [event(400 + n)]) }
        await writer.close()
        #expect(writer.snapshotFailure?.hasPrefix("the stream filter could not be written") == true)
        #expect(writer.snapshotFailure?.contains(name) == true)
        #expect(try IndexPartTests.indexFiles(directory).contains("index-000000000070-000000000095.part"))
        #expect(try await Self.covered(directory) == [0..<40, 40..<70])
    }

    /// A reader that opened before a save sealed another part meets, at its first lookup, a
    /// filter of parts it does not know: it answers for those the reader knows.
    @Test func aFilterOfMorePartsThanAReaderKnowsAnswersForThoseItKnows() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        func write(_ category: String, _ range: Range<Int>) async throws {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options(segmentSize: 1 << 16))
            for n in range { _ = try await store.append(to: "\(category)-\(n % 5)", expected: .any, events: [event(n)]) }
            await store.close()
        }
        try await write("Account", 0..<40)
        try await write("Loan", 40..<45)
        // It knows 0..<40 (sealed, not opened) and 40..<45 (its last part, opened).
        let reader = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        try await write("Card", 45..<75)
        #expect(try await Self.covered(directory) == [0..<40, 40..<75])
        #expect(reader.state.withLock { $0.saved.filterRulesOut(Self.hash("Nobody-1")) } == [true])
        #expect(reader.state.withLock { $0.saved.filterRulesOut(Self.hash("Account-1")) } == [false])
        #expect(reader.lastVersion(of: "Account-1") == 7)
        #expect(reader.lastVersion(of: "Nobody-1") == nil)
        await reader.close()
    }

    /// A crash after the save that sealed 40..<70 wrote its manifest, before its filter: the
    /// filter on disk is the one of 0..<40, which still stands for that part; the new sealed
    /// part is asked itself, and the next save covers it.
    @Test func aCrashBetweenSealingAPartAndWritingTheFilterLeavesTheEarlierFilterStandingForItsParts() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let first = try await Self.storeWithSealedParts(batches: [("Account", 40, 5)])
        defer { first.remove() }
        let earlier = try Data(contentsOf: URL(fileURLWithPath: Self.filterPath(first)))
        let store = try await Self.storeWithSealedParts(batches: [("Account", 40, 5), ("Card", 30, 3)])
        defer { store.remove() }
        try earlier.write(to: URL(fileURLWithPath: Self.filterPath(store)))
        #expect(try await Self.covered(store) == [0..<40])

        let reader = try FileEventStore.open(directory: store.url, options: FileStoreOptions(readOnly: true))
        #expect(reader.lastVersion(of: "Nobody-1") == nil)
        #expect(IndexPartProbeTests.states(reader) == ["-", "open"])
        #expect(reader.lastVersion(of: "Card-2") == 9)
        #expect(Self.problem(reader) == nil)
        await reader.close()

        let writer = try FileEventStore.open(directory: store.url, options: Self.options())
        _ = try await writer.append(to: "Loan-0", expected: .any, events: [event(300)])
        await writer.close()
        #expect(try await Self.covered(store) == [0..<40, 40..<70])
    }

    /// `verify` checks the filter too: a sound one is part of a healthy store; one with a bit
    /// flipped is named, with the offset of the byte that differs from what its parts make.
    @Test func verifyNamesADamagedFilterAndPassesASoundOne() async throws {
        let directory = try await Self.storeWithSealedParts()
        defer { directory.remove() }
        #expect(try FileEventStore.verify(directory: directory.url).problems == [])
        let path = Self.filterPath(directory)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 10] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let problems = try FileEventStore.verify(directory: directory.url).problems
        #expect(problems.count == 1)
        #expect(problems.first?.file == StoreStreamFilter.fileName)
        #expect(problems.first?.offset == UInt64(bytes.count - 10))
        #expect(problems.first?.reason.hasPrefix("stream filter differs from the index parts it covers") == true, "\(problems)")
        // A damaged header fails the filter's own checks, named as its first use names them.
        bytes[bytes.count - 10] ^= 0x04
        bytes[66] ^= 0x04
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let header = try FileEventStore.verify(directory: directory.url).problems
        #expect(header.map(\.file) == [StoreStreamFilter.fileName])
        #expect(header.first?.reason.hasPrefix("index.filter: header checksum mismatch") == true, "\(header)")
    }
}

