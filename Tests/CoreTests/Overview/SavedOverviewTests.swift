import Foundation
import Store
import Testing
@testable import Core

/// Saving and resuming the bank-wide views (`FileReadModelStateStore`): a resumed overview
/// folds on to exactly what a fold of the whole log gives; what cannot be trusted is refused.
struct SavedOverviewTests {
    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("saved-overview-\(UInt64.random(in: 0...UInt64.max))")
    }

    static func history(seed: UInt64, events: Int = 1_500, accounts: Int = 60) throws -> [RecordedEvent] {
        var history = SyntheticBankHistory(seed: seed)
        history.accounts = accounts
        return try history.generate(eventCount: events)
    }

    static func fold(_ events: some Sequence<RecordedEvent>, into overview: inout BankOverview) throws {
        for event in events { try overview.apply(event) }
    }

    @Test(arguments: [21, 22, 23, 24] as [UInt64])
    func anOverviewSavedAtRandomPointsAndResumedEqualsTheWholeFold(seed: UInt64) throws {
        let events = try Self.history(seed: seed)
        let whole = BankOverview.folding(events, window: 30)
        var random = SplitMix64(seed: seed)
        let stops = (0..<4).map { _ in Int.random(in: 1..<events.count, using: &random) }.sorted()
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Saved several times by one store (each save writes only the pages that changed)…
        let saver = FileReadModelStateStore(directory: directory)
        var overview = BankOverview(window: 30)
        var done = 0
        for stop in stops {
            try Self.fold(events[done..<stop], into: &overview)
            done = stop
            try saver.save(overview, lastEventId: events[stop - 1].id)
            // …and each save, loaded by a fresh store and folded on to the end, is the whole fold.
            let loaded = try #require(try FileReadModelStateStore(directory: directory).load())
            #expect(loaded.overview == overview, "as saved at \(stop)")
            #expect(loaded.lastEventId == events[stop - 1].id)
            var resumed = loaded.overview
            try Self.fold(events[stop...], into: &resumed)
            #expect(resumed == whole, "resumed from \(stop)")
            BankOverviewTests.expectSameViews(resumed, BankReadModels.folding(events), window: 30, "resumed from \(stop)")
        }
    }

    @Test func nothingSavedLoadsAsNothing() throws {
        let directory = Self.temporaryDirectory()
        #expect(try FileReadModelStateStore(directory: directory).load() == nil)
    }

    /// A directory holding a save of the first 800 events of a history.
    static func saved(accounts: Int = 60) throws -> (directory: URL, events: [RecordedEvent]) {
        let events = try Self.history(seed: 31, events: 800, accounts: accounts)
        let directory = Self.temporaryDirectory()
        try FileReadModelStateStore(directory: directory).save(BankOverview.folding(events), lastEventId: events[events.count - 1].id)
        return (directory, events)
    }

    static func files(in directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    static func pageFile(in directory: URL) throws -> String {
        try #require(try Self.files(in: directory).first { $0.hasSuffix(".pages") })
    }

    @Test func aFlippedByteInTheManifestIsFoundAtLoad() throws {
        let (directory, _) = try Self.saved()
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = try Self.files(in: directory)
        #expect(names == [try Self.pageFile(in: directory), FileReadModelStateStore.manifestName].sorted(), "the accounts are saved in one page file")
        let url = directory.appendingPathComponent(FileReadModelStateStore.manifestName)
        let original = try Data(contentsOf: url)
        var damaged = original
        damaged[damaged.count - 3] ^= 0x20
        try damaged.write(to: url)
        #expect(throws: ReadModelStateError.corrupt(file: FileReadModelStateStore.manifestName, reason: "checksum mismatch")) {
            try FileReadModelStateStore(directory: directory).load()
        }
        try original.write(to: url)
        #expect(try FileReadModelStateStore(directory: directory).load() != nil)
    }

    @Test func aFlippedByteInAPageIsFoundWhenThatPageIsRead() throws {
        let (directory, events) = try Self.saved()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = try Self.pageFile(in: directory)
        let url = directory.appendingPathComponent(name)
        var damaged = try Data(contentsOf: url)
        damaged[damaged.count - 3] ^= 0x20
        try damaged.write(to: url)
        // Loading reads no page; reading the damaged one says where it is, it never lists it.
        let loaded = try #require(try FileReadModelStateStore(directory: directory).load())
        do {
            _ = try loaded.overview.accounts.listed(0..<loaded.overview.accounts.count)
            Issue.record("a damaged page was listed")
        } catch {
            guard case .corrupt(let file, _, let reason) = error else { Issue.record("\(error)"); return }
            #expect(file == url.path)
            #expect(reason == "checksum mismatch in a page of the accounts list")
        }
        // Folding on stops with the same error rather than trust the page.
        var overview = loaded.overview
        #expect(throws: EventStoreError.self) {
            for event in try Self.history(seed: 31, events: 1_200)[events.count...] { try overview.apply(event) }
        }
    }

    @Test func aMissingOrCutPageFileIsFoundAtLoad() throws {
        let (directory, _) = try Self.saved()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = try Self.pageFile(in: directory)
        let url = directory.appendingPathComponent(name)
        let original = try Data(contentsOf: url)
        try original.prefix(original.count - 10).write(to: url)
        #expect(throws: ReadModelStateError.self) { try FileReadModelStateStore(directory: directory).load() }
        try FileManager.default.removeItem(at: url)
        #expect(throws: ReadModelStateError.corrupt(file: name, reason: "missing")) { try FileReadModelStateStore(directory: directory).load() }
    }

    @Test func aWellFramedPageThatDoesNotDecodeIsCorruptNotACrash() throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let id = try #require(AccountID(sortCode: "401234", accountNumber: "12345678"))
        let row = AccountDirectory.Row(id: id, summary: nil, balance: Money(pence: 100), entries: 1, lastEntryPosition: 4,
                                       lastEntryCreated: nil, changedPosition: 0)
        // A balance beyond Money's range, correctly checksummed: refused, not trusted, no trap.
        var body = AccountPageCodec.encode([row])
        let balanceAt = 4 + 8 + 4 + 1
        body.replaceSubrange(balanceAt..<balanceAt + 8, with: withUnsafeBytes(of: Int64.max.littleEndian) { Data($0) })
        let file = try AccountPageFile(directory: directory.path, name: "accounts-1.pages", fileSystem: PosixFileSystem(), readOnly: false)
        let stored = try file.append(body)
        #expect(throws: EventStoreError.corrupt(file: file.path, offset: 0, reason: "a page of the accounts list does not decode: amount out of range: \(Int64.max) pence")) {
            try stored.rows()
        }
        #expect(throws: EventStoreError.self) { try stored.row(AccountKey.of(id)) }
    }

    @Test func stateSavedByAnotherCodeVersionIsStale() throws {
        let (directory, _) = try Self.saved()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(FileReadModelStateStore.manifestName)
        let text = try Data(contentsOf: url)
        let newline = try #require(text.firstIndex(of: UInt8(ascii: "\n")))
        var header = String(decoding: text[..<newline], as: UTF8.self).split(separator: " ").map(String.init)
        header[2] = String(BankOverview.codeVersion + 1)
        try (Data(header.joined(separator: " ").utf8) + text[newline...]).write(to: url)
        #expect(throws: ReadModelStateError.stale(saved: BankOverview.codeVersion + 1, current: BankOverview.codeVersion)) {
            try FileReadModelStateStore(directory: directory).load()
        }
    }

    @Test func aCrashAtAnyStepOfASaveLeavesTheOldSaveOrTheNewOneWhole() throws {
        // Few accounts, so few pages: every step is crashed at, each with real syncs.
        let (directory, events) = try Self.saved(accounts: 6)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = try #require(try FileReadModelStateStore(directory: directory).load())
        let more = try Self.history(seed: 31, events: 1_600, accounts: 6)
        var new = old.overview
        try Self.fold(more[events.count...], into: &new)
        #expect(new != old.overview)
        var crashes = 0
        for allowed in 0... {
            let failing = FailingFileSystem(allowed: allowed)
            let saver = FileReadModelStateStore(directory: directory, fileSystem: failing)
            _ = try saver.load()
            do {
                try saver.save(new, lastEventId: more[more.count - 1].id)
            } catch {
                #expect(failing.failed, "only the simulated crash fails it")
            }
            let after = try #require(try FileReadModelStateStore(directory: directory).load())
            if failing.failed {
                crashes += 1
                #expect(after.overview == old.overview || after.overview == new, "crash after \(allowed) changes")
                // Put the old save back for the next crash point (a fresh store writes every page).
                if after.overview == new { try FileReadModelStateStore(directory: directory).save(old.overview, lastEventId: old.lastEventId) }
            } else {
                #expect(after.overview == new)
                break
            }
        }
        #expect(crashes >= 8, "every step of the save was crashed at")
    }
}
