import Core
import Foundation
import Store

/// `bank-bench operators [--events N]`: the audit trail and statements on a long log.
///
/// Builds, in a temporary directory, a store of N events (default 10,000,000) spread over a
/// year of store time: 100,000 operator actions (blocks and unblocks of 1,000 accounts by 20
/// operators, with their metadata), one busy account's ledger of 200,000 entries, and filler
/// events on other streams. Then, on the store reopened, prints:
/// - `audit.page`: the first page (50 entries) of the audit trail, newest first (ms; target ≤ 50);
/// - `audit.page.filtered`: the first page of one operator's blocks (ms);
/// - `statement.month`: a month's statement of the busy account, from the middle of the year,
///   the first time it is read (ms; target ≤ 50), with `statement.month.entries` the entries it
///   holds; `statement.month.again.p50` the median of five more reads (the pages then cached).
enum OperatorsBench {
    static let actions = 100_000
    static let ledgerEntries = 200_000
    static let batch = 2_000

    /// `OPERATORS_BENCH_DIR=DIR` keeps the built store in DIR and reuses it when it is there
    /// (for profiling; the figures are the same).
    static func run() async throws {
        let events = requestedEvents()
        let kept = ProcessInfo.processInfo.environment["OPERATORS_BENCH_DIR"].map { URL(fileURLWithPath: $0) }
        let directory = kept ?? FileManager.default.temporaryDirectory.appendingPathComponent("bank-bench-operators-\(getpid())")
        defer { if kept == nil { try? FileManager.default.removeItem(at: directory) } }
        let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01
        if kept == nil || !FileManager.default.fileExists(atPath: directory.path) {
            let build = ContinuousClock.now
            try await write(events: events, to: directory, clock: ManualClock(start))
            report("operators.build", (ContinuousClock.now - build).milliseconds / 1000, "s")
        }

        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(readOnly: true))
        let page = try measure { _ = try AuditTrail.page(in: store, limit: 50) }
        report("audit.page", page, "ms")
        let filtered = try measure {
            _ = try AuditTrail.page(in: store, limit: 50, filter: AuditTrail.Filter(by: "operator7", actions: [.block]))
        }
        report("audit.page.filtered", filtered, "ms")
        let busy = AccountID(sortCode: "401234", accountNumber: "99000001")!
        let from = start.addingTimeInterval(182 * 86_400), to = start.addingTimeInterval(212 * 86_400)
        var entries = 0
        let first = try measure { entries = try LedgerStatement.read(busy, from: from, to: to, in: store).lines.count }
        var again: [Double] = []
        for _ in 0..<5 { again.append(try measure { _ = try LedgerStatement.read(busy, from: from, to: to, in: store) }) }
        report("statement.month", first, "ms")
        report("statement.month.again.p50", again.sorted()[2], "ms")
        report("statement.month.entries", Double(entries), "entries")
        await store.close()
    }

    /// Writes the events in batches, the clock advancing so that they span a year.
    static func write(events: Int, to directory: URL, clock: ManualClock) async throws {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os, clock: clock))
        let step = 365 * 86_400 / Double(events)
        let actionEvery = max(1, events / actions), ledgerEvery = max(1, events / ledgerEntries)
        var ledgerBalance = Money.zero, ledgerVersion: Int64 = -1, actionCount = 0
        var written = 0
        while written < events {
            var appends: [StreamAppend] = []
            for n in written..<min(events, written + batch) {
                if n % actionEvery == 0, actionCount < actions {
                    appends.append(try action(actionCount, at: clock.now()))
                    actionCount += 1
                } else if n % ledgerEvery == 1 {
                    let amount = Money(pence: Int64(100 + n % 5_000))
                    ledgerBalance = ledgerBalance.adding(amount) ?? ledgerBalance
                    ledgerVersion += 1
                    appends.append(try posting(amount, balance: ledgerBalance, version: ledgerVersion))
                } else {
                    appends.append(StreamAppend(stream: "Filler-\(n % 10_000)", expected: .any,
                                                events: [EventData(type: "FillerRecorded", data: Data(#"{"n":\#(n)}"#.utf8))]))
                }
            }
            for result in await store.append(appends) { _ = try result.get() }
            written += appends.count
            clock.advance(by: step * Double(appends.count))
        }
        await store.close()
    }

    /// The `n`th operator action: a block or unblock of one of 1,000 accounts.
    static func action(_ n: Int, at time: Date) throws -> StreamAppend {
        let account = AccountID(sortCode: "401234", accountNumber: String(format: "9%07d", n % 1_000))!
        let by = "operator\(n % 20)"
        let metadata = EventMetadata(correlationId: "bench", causationId: "bench", actor: "Accounts/operator:\(by)",
                                     origin: OperatorOrigin(role: .operator, host: "bench", osUser: "bench", pid: 1))
        let id = DerivedEventID.make(name: "bench-action-\(n)")
        let data = n / 1_000 % 2 == 0
            ? try BankCodec.eventData(AccountBlocked(account: account, reason: "bench", by: by), id: id, metadata: metadata)
            : try BankCodec.eventData(AccountUnblocked(account: account, reason: "bench", by: by), id: id, metadata: metadata)
        return StreamAppend(stream: BankStream.account(account).name, expected: .any, events: [data])
    }

    static func posting(_ amount: Money, balance: Money, version: Int64) throws -> StreamAppend {
        let busy = AccountID(sortCode: "401234", accountNumber: "99000001")!
        let posted = LedgerEntryPosted(account: busy, amount: amount, balance: balance, version: version)
        let metadata = EventMetadata(correlationId: "bench", causationId: "bench", actor: "Ledger/bench")
        return StreamAppend(stream: BankStream.ledger(busy).name, expected: .any,
                            events: [try BankCodec.eventData(posted, id: DerivedEventID.make(name: "bench-ledger-\(version)"), metadata: metadata)])
    }

    static func measure(_ body: () throws -> Void) throws -> Double {
        let started = ContinuousClock.now
        try body()
        return (ContinuousClock.now - started).milliseconds
    }

    static func report(_ name: String, _ value: Double, _ unit: String) {
        print("\(name)\t\(String(format: "%.1f", value))\t\(unit)")
    }

    static func requestedEvents() -> Int {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--events"), flag + 1 < arguments.count, let events = Int(arguments[flag + 1]),
              events >= 1_000 else { return 10_000_000 }
        return events
    }
}

private extension LedgerEntryPosted {
    init(account: AccountID, amount: Money, balance: Money, version: Int64) {
        self.init(account: account, amount: amount, balanceAfter: balance, kind: .inboundPayment,
                  paymentId: DerivedEventID.make(name: "bench-payment-\(version)"), description: "From Bench Payer ref \(version)")
    }
}

private extension Duration {
    var milliseconds: Double { Double(components.seconds) * 1_000 + Double(components.attoseconds) / 1e15 }
}
