import Foundation
import Store
import Testing
@testable import Core

/// The accounts list in pages (`AccountDirectory`): for random account events in random order
/// (fixed seeds), with a small overlay so it merges often, it lists exactly what a plain
/// dictionary of the same events holds — whole, a window at a time, filtered, and saved.
struct AccountListTests {
    /// Account events in random order of accounts: openings, postings, blocks and closures.
    struct RandomAccounts {
        var random: SplitMix64
        var log = RecordedEventLog()
        var now = Date(timeIntervalSince1970: 1_780_000_000)
        /// What the list must show, by account.
        var expected: [AccountID: AccountSummary] = [:]
        var balances: [AccountID: Money] = [:]
        var ids: [AccountID] = []

        init(seed: UInt64, accounts: Int) {
            random = SplitMix64(seed: seed)
            var seen = Set<AccountID>()
            while ids.count < accounts {
                let id = AccountID(sortCode: SortCode("40" + String(Int.random(in: 1000...9999, using: &random)))!,
                                   accountNumber: AccountNumber(String(Int.random(in: 10_000_000...99_999_999, using: &random)))!)
                if seen.insert(id).inserted { ids.append(id) }
            }
        }

        /// The next event and its decoded value.
        mutating func next() throws -> (BankEvent, RecordedEvent) {
            now = now.addingTimeInterval(1)
            let id = ids.randomElement(using: &random)!
            let event: BankEvent, recorded: RecordedEvent
            switch (expected[id], Int.random(in: 0..<10, using: &random)) {
            case (nil, 0..<6):
                (event, recorded) = try record(AccountOpened(account: id, holder: "Holder \(id.accountNumber)"), .account(id))
            case (let account?, 0) where account.status == .open:
                (event, recorded) = try record(AccountBlocked(account: id, reason: "fraud", by: "op"), .account(id))
            case (let account?, 1) where account.status != .closed:
                (event, recorded) = try record(AccountClosed(account: id, reason: "asked", by: "op"), .account(id))
            default:
                // A posting, also to a ledger of an account never opened (it is not listed).
                let amount = Money(pence: Int64.random(in: -5_000...50_000, using: &random))
                let after = Money(pence: balances[id, default: .zero].pence + amount.pence)
                (event, recorded) = try record(LedgerEntryPosted(account: id, amount: amount, balanceAfter: after, kind: .inboundPayment,
                                                                 paymentId: nil, description: "p"), .ledger(id))
            }
            follow(event, recorded)
            return (event, recorded)
        }

        private mutating func record<E: BankEventType>(_ event: E, _ stream: BankStream) throws -> (BankEvent, RecordedEvent) {
            (event.wrapped, try log.append(event, to: stream, at: now, id: DerivedEventID.make(name: "account-list-\(log.events.count)")))
        }

        /// The dictionary's own fold of `event`.
        private mutating func follow(_ event: BankEvent, _ recorded: RecordedEvent) {
            switch event {
            case .accountOpened(let e):
                expected[e.account] = AccountSummary(id: e.account, holder: e.holder, status: .open, balance: balances[e.account, default: .zero],
                                                     statusReason: nil, statusChangedBy: nil, opened: recorded.created,
                                                     lastChanged: recorded.created, entries: entries[e.account, default: 0])
            case .accountBlocked(let e): restatus(e.account, .blocked, e.reason, e.by, recorded.created)
            case .accountClosed(let e): restatus(e.account, .closed, e.reason, e.by, recorded.created)
            case .ledgerEntryPosted(let e):
                balances[e.account] = e.balanceAfter
                entries[e.account, default: 0] += 1
                expected[e.account]?.balance = e.balanceAfter
                expected[e.account]?.entries += 1
                expected[e.account]?.lastChanged = recorded.created
            default: break
            }
        }

        var entries: [AccountID: Int] = [:]

        private mutating func restatus(_ id: AccountID, _ status: AccountStatus, _ reason: String, _ by: String, _ at: Date) {
            expected[id]?.status = status
            expected[id]?.statusReason = reason
            expected[id]?.statusChangedBy = by
            expected[id]?.lastChanged = at
        }

        var sorted: [AccountSummary] { expected.values.sorted { $0.id < $1.id } }
    }

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("account-list-\(UInt64.random(in: 0...UInt64.max))")
    }

    /// What a list must agree with the dictionary on, checked with windows at random places.
    static func expectSame(_ list: AccountDirectory, _ accounts: RandomAccounts, random: inout SplitMix64, _ comment: Comment) throws {
        let sorted = accounts.sorted
        #expect(list.count == sorted.count, comment)
        #expect(try list.listed(0..<list.count) == sorted, comment)
        for status in AccountStatus.allCases {
            #expect(list.count(status) == sorted.filter { $0.status == status }.count, comment)
        }
        for _ in 0..<5 where !sorted.isEmpty {
            let start = Int.random(in: 0..<sorted.count, using: &random), length = Int.random(in: 0...40, using: &random)
            #expect(try list.listed(start..<start + length) == Array(sorted[start..<min(sorted.count, start + length)]), comment)
            let id = sorted[start].id
            #expect(try list.position(of: id) == start, comment)
            #expect(try list.account(id) == sorted[start], comment)
        }
        let blocked = sorted.filter { $0.status == .blocked }
        let found = try list.matching("blocked", in: 1..<6) { $0.status == .blocked }
        #expect(found.count == blocked.count, comment)
        #expect(found.rows == Array(blocked.dropFirst(1).prefix(5)), comment)
        #expect(found.complete, comment)
    }

    /// Counted a page a look, a filter's count grows look by look to the whole count, never
    /// past it, with the rows asked for whole at every look; returns how many looks it took.
    static func expectCountedInSteps(_ list: AccountDirectory, _ accounts: RandomAccounts, _ comment: Comment) throws -> Int {
        let open = accounts.sorted.filter { $0.status == .open }
        // A name never used before: nothing of it is in the memo yet.
        let filter = "open, a page a look \(UUID())"
        var looks = 0
        var last = 0
        while true {
            looks += 1
            let found = try list.matching(filter, in: 0..<3, countingBudget: 1) { $0.status == .open }
            #expect(found.rows == Array(open.prefix(3)), comment)
            #expect(found.count >= last && found.count <= open.count, comment)
            last = found.count
            if found.complete { break }
            if looks > list.pages.count + 1 { Issue.record("still counting after \(looks) looks", sourceLocation: #_sourceLocation); break }
        }
        #expect(last == open.count, comment)
        return looks
    }

    @Test(arguments: [41, 42] as [UInt64])
    func aPagedListShowsWhatADictionaryOfTheSameEventsHoldsAtEveryPoint(seed: UInt64) async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var accounts = RandomAccounts(seed: seed, accounts: 1_200)
        var random = SplitMix64(seed: seed ^ 0xF00D)
        // Merged every 97 changes into pages on disk, and once in memory, without a page file.
        var onDisk = AccountDirectory(sink: AccountPageSink(directory: directory.path, fileSystem: PosixFileSystem()), overlayLimit: 97)
        var inMemory = AccountDirectory(overlayLimit: 301)
        for n in 1...3_000 {
            let (event, recorded) = try accounts.next()
            try onDisk.apply(event, recorded)
            try inMemory.apply(event, recorded)
            #expect(onDisk.overlayCount <= 97)
            // Long and synchronous: let the other tests on the shared pool run meanwhile.
            if n % 200 == 0 { await Task.yield() }
            if n % 1_000 == 0 {
                try Self.expectSame(onDisk, accounts, random: &random, "on disk after \(n)")
                try Self.expectSame(inMemory, accounts, random: &random, "in memory after \(n)")
            }
        }
        try onDisk.merge()
        #expect(onDisk.pages.count > 2, "a list of this size spans pages")
        #expect(onDisk.pages.allSatisfy { $0.rows <= AccountDirectory.pageRows })
        try Self.expectSame(onDisk, accounts, random: &random, "merged")
        // The first look reads the first page for the rows on screen and counts one more; each
        // later look counts one more page, and the last one says the count is whole.
        #expect(try Self.expectCountedInSteps(onDisk, accounts, "merged") == onDisk.pages.filter { $0.listed > 0 }.count - 1)
    }

    @Test(arguments: [51, 52] as [UInt64])
    func aListSavedAtRandomPointsAndResumedListsWhatTheDictionaryHolds(seed: UInt64) async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var accounts = RandomAccounts(seed: seed, accounts: 1_100)
        var random = SplitMix64(seed: seed ^ 0xBEEF)
        // Every save may leave the page file for a new one (`compactAbove: 0`).
        let store = FileReadModelStateStore(directory: directory, overlayLimit: 113, compactAbove: 0)
        var overview = store.emptyOverview(window: 10)
        var last = UUID()
        for round in 0..<4 {
            for _ in 0..<Int.random(in: 200...800, using: &random) {
                let (event, recorded) = try accounts.next()
                try overview.accounts.apply(event, recorded)
                overview.position = recorded.position
                last = recorded.id
            }
            try store.save(overview, lastEventId: last)
            await Task.yield()
            let loaded = try #require(try FileReadModelStateStore(directory: directory, overlayLimit: 113).load())
            try Self.expectSame(loaded.overview.accounts, accounts, random: &random, "loaded after round \(round)")
            // Carrying on from the load and from the list saved agree.
            overview = round % 2 == 0 ? loaded.overview : overview
            let pageFiles = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".pages") }
            #expect(pageFiles.count == 1, "after round \(round), only the page file the manifest names is left")
        }
    }
}
