import Foundation
@testable import Store
import Testing

/// A part asked only whether it may hold a stream (a new stream's first append asks every
/// part) is probed, not opened: the same checks as opening it, the filter block read with
/// `pread`s; the same answers and the same errors as the opened part's.
@Suite struct IndexPartProbeTests {
    static func options() -> FileStoreOptions {
        FileStoreOptions(durability: .os, segmentSize: 8 << 20, clock: ManualClock(), snapshotInterval: 0)
    }

    /// Which of the store's parts are probed, and which opened.
    static func states(_ store: FileEventStore) -> [String] {
        store.state.withLock { $0.saved.parts.map { $0.isOpen ? "open" : $0.isProbed ? "probed" : "-" } }
    }

    @Test func aNewStreamsLookupProbesThePartsAndOpensOnlyThoseHoldingIt() async throws {
        let directory = try await IndexPartTests.storeInThreeParts()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(Self.states(store) == ["-", "-", "open"])
        #expect(store.lastVersion(of: "Nobody-1") == nil)
        #expect(Self.states(store) == ["probed", "probed", "open"])
        // A stream every part holds: each filter lets it through, each part is opened.
        #expect(try store.read("Account-2").map(\.position) == Array(stride(from: 2, to: 100, by: 5)))
        #expect(Self.states(store) == ["open", "open", "open"])
        await store.close()
    }

    /// Parts of more than 4 KiB of filter, so that some of its 64-byte blocks straddle two
    /// checked blocks of the part: for existing and new names, probe and opened part agree.
    @Test func aProbesAnswersAreTheOpenedPartsForEveryName() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        var random: UInt64 = 0x5EED
        func next() -> UInt64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return random >> 17
        }
        var names: [String] = []
        var n = 0
        for batch in [6_000, 5_000, 100] {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options())
            var appends: [StreamAppend] = []
            for _ in 0..<batch {
                let name = "Stream-\(next() % 1_000_000)"
                names.append(name)
                appends.append(StreamAppend(stream: name, expected: .any, events: [event(n)]))
                n += 1
            }
            for result in await store.append(appends) { _ = try result.get() }
            await store.close()
        }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let (parts, segments) = store.state.withLock { ($0.saved.parts, $0.segments) }
        #expect(parts.count == 3)
        let asked = names + (0..<6_000).map { "Other-\($0)" }
        var passed = 0
        for part in parts {
            let probe = try IndexPartProbe.open(part.entry, directory: directory.path, fileSystem: PosixFileSystem(), segments: segments).get()
            let file = try part.file()
            #expect(file.filterBlocks * StreamFilter.blockWords * 8 > IndexPartBlocks.size || file.streamCount < 3_000)
            for var name in asked {
                let hash = name.withUTF8 { StreamFilter.Hash(UnsafeRawBufferPointer($0)) }
                let expected = try file.mayHoldStream(hash)
                #expect(try probe.mayHoldStream(hash) == expected, "\(name) in \(part.name)")
                if expected { passed += 1 }
            }
        }
        await store.close()
        // Every name a part holds passes its filter, and a few others: the answers vary.
        #expect(passed >= names.count && passed < 3 * asked.count / 2)
    }

    /// A store of two parts, 0..<2000 (several blocks, not opened when the store opens) and
    /// 2000..<2010.
    static func storeInTwoParts() async throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        var n = 0
        for count in [2_000, 10] {
            let store = try FileEventStore.open(directory: directory.url, options: Self.options())
            for _ in 0..<count {
                _ = try await store.append(to: "Account-\(n % 7)", expected: .any, events: [event(n)])
                n += 1
            }
            await store.close()
        }
        return directory
    }

    @Test func aDamagedFilterBlockIsTheErrorReadingItThroughTheOpenedPartWouldBeNeverAnAnswer() async throws {
        let directory = try await Self.storeInTwoParts()
        defer { directory.remove() }
        let name = "index-000000000000-000000002000.part"
        let reader = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let file = try #require(try reader.state.withLock { state throws(EventStoreError) in try state.saved.parts.first?.file() })
        let block = (file.filterAt - IndexPart.headerSize) / IndexPartBlocks.size
        #expect(block > 0)
        await reader.close()
        let start = IndexPart.headerSize + block * IndexPartBlocks.size
        let path = directory.path + "/" + name
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[start + 10] ^= 0x08
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let corrupt = EventStoreError.corrupt(file: name, offset: UInt64(start), reason: "index part block checksum mismatch")
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        #expect(throws: corrupt) { try store.read("Nobody-1") }
        #expect(Self.states(store) == ["probed", "open"])
        // Asked again, the block is read and checked again: the same error.
        #expect(throws: corrupt) { try store.read("Nobody-2") }
        // A read that needs no filter still works: the rest of the part is sound.
        #expect(try store.event(at: 10).id == id(10))
        #expect(throws: corrupt) { try store.read("Account-1") }
        await store.close()
        #expect(try FileEventStore.verify(directory: directory.url).problems
            == [StoreVerifyReport.Problem(file: name, offset: UInt64(start), reason: "index part block checksum mismatch")])

        // A writable store refuses the new stream's append rather than guess it is new.
        let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
        let results = await writer.append([StreamAppend(stream: "Nobody-3", expected: .noStream, events: [event(5_000)])])
        await writer.close()
        guard case .failure(let error) = try #require(results.first) else {
            Issue.record("a new stream was appended over a damaged part")
            return
        }
        #expect("\(error)".contains(name))
    }

    @Test func aProbedPartWithADamagedHeaderOrNotBorneOutByTheLogIsACorruptErrorNamingIt() async throws {
        let directory = try await IndexPartTests.storeInThreeParts()
        defer { directory.remove() }
        let first = "index-000000000000-000000000064.part"
        let path = directory.path + "/" + first
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[20] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let middle = try await IndexPartTests.replaceMiddlePartWithAnotherLogs(in: directory)

        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let header = EventStoreError.corrupt(file: first, offset: 0, reason: "index part header checksum mismatch" + SavedPart.remedy)
        #expect(throws: header) { try store.read("Nobody-1") }
        #expect(Self.states(store) == ["-", "-", "open"])
        await store.close()

        // With the first part sound again, the middle one is probed and the log does not bear it out.
        bytes[20] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let again = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let stale = EventStoreError.corrupt(file: middle, offset: 0, reason: "index part does not match the log" + SavedPart.remedy)
        #expect(throws: stale) { try again.read("Nobody-1") }
        #expect(Self.states(again) == ["probed", "-", "open"])
        await again.close()
    }
}
