import ConsoleUI
import Core
import Foundation
import Store

/// The console's figures of `bank-bench scale`, on the store `ScaleBench` built:
/// `scale.console.rebuild` (folding the whole log into the bank-wide views and saving them, as
/// a first start does; ms), `scale.console.live` (launch to the first frame, headless, with
/// the views resumed from their save; ms; target ≤ 1,000), `scale.console.caught_up` (1 when
/// that frame showed the bank at the head), `scale.console.rss` (the console's peak resident
/// memory by its first live frame, `VmHWM`, in a process that is only the console — see
/// `ScaleBench+ConsoleProcess.swift`; the highest of `runs` launches; MB; ≤ 1,024) with that
/// process's `.current` (`VmRSS`), `.anon`, `.file` (mapped files: the store's index parts
/// and the page file) and `.malloc` (bytes malloc has handed out), and what its views hold
/// (`scale.console.accounts`, `.account_pages`, `.payments_kept`);
/// `scale.console.process.live` (launch of that process to its first live frame, ms, median);
/// `scale.console.rss.bench_process` (this process's memory after the in-process launches:
/// the store the bench built and its own allocations count too) and
/// `scale.seek.p99` / `.p50` (1,000 time-machine seeks at random positions, each reading what a
/// 160×48 console shows; ms; ≤ 10; the median of three rounds). `live` is the median of five
/// launches (until the frame is drawn), with the CPU time of the
/// launch and the close that follows it (`.cpu`). `scale.console.live.store_open` is the part of `live` spent
/// opening the store. `scale.console.accounts.frame` draws the accounts pane scrolled to the
/// middle of the list; `.filter` the first frame with `/smith` typed (it counts every page's
/// matches once) and `.filter.again` the next (the counts are memoised); ms. On a bank with
/// accounts, `scale.cli.balance`, `.held` and `.payment` time `bank-console` read commands
/// (`cliReadFigures`).
///
/// `bank-bench scale --console DIR` prints only these, on an existing data directory (a real
/// bank's, e.g. after `bank-console run`), without building a store; with `--accounts N` a
/// directory with no store yet is first made a bank of N accounts (`seedConsoleDirectory`).
extension ScaleBench {
    /// `--console DIR` from the command line.
    static func consoleDirectory() -> URL? {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--console"), flag + 1 < arguments.count else { return nil }
        return URL(fileURLWithPath: arguments[flag + 1])
    }

    /// `--accounts N` with `--console DIR`: when DIR holds no store yet, it is first made a bank
    /// of N synthetic accounts (`SyntheticAccounts`, seed 1; opening events and balances in
    /// batches, `.os` durability, names in plain text: a benchmark's bank, not a customer's).
    static func seedConsoleDirectory(_ url: URL) async throws {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--accounts"), flag + 1 < arguments.count,
              let count = Int(arguments[flag + 1].replacingOccurrences(of: "_", with: "")), count > 0,
              !FileManager.default.fileExists(atPath: url.appendingPathComponent("checkpoint").path) else { return }
        let store = try FileEventStore.open(directory: url, options: FileStoreOptions(durability: .os))
        do {
            _ = try await BankSeeder(store: store, clock: SystemClock()).seed(accounts: try SyntheticAccounts(count: count, seed: 1))
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    static func consoleFigures(url: URL, suffix: String) async throws -> [String: Double] {
        var latencies: [String: Double] = [:]
        let rebuild = try await ConsoleBenchmarks.rebuildViews(directory: url)
        StoreBench.report("scale.console.rebuild" + suffix, rebuild, "ms")
        // What the rebuild wrote is flushed first, as before the opens (`figures`): the console
        // opens the store writable, whose sync would otherwise wait behind it.
        sync()
        // `live` and the seeks are medians of `runs` launches and of three rounds (see `Sample`).
        // Timed without the accounts pane's frames, which one more launch then draws.
        var launches: [ConsoleBenchmarks.Launch] = []
        let live = try await Sample.median(runs) {
            launches.append(try await ConsoleBenchmarks.firstLiveFrame(directory: url, drawsAccounts: false))
            return {}
        }
        let launch = launches.sorted { $0.milliseconds < $1.milliseconds }[(launches.count - 1) / 2]
        let accounts = try await ConsoleBenchmarks.firstLiveFrame(directory: url, drawsAccounts: true)
        latencies["scale.console.live"] = launch.milliseconds
        latencies["scale.console.live.cpu"] = live.cpuMilliseconds
        StoreBench.report("scale.console.live" + suffix, launch.milliseconds, "ms")
        StoreBench.report("scale.console.live.cpu" + suffix, live.cpuMilliseconds, "ms")
        StoreBench.report("scale.console.live.store_open" + suffix, launch.storeMilliseconds, "ms")
        StoreBench.report("scale.console.caught_up" + suffix, launches.allSatisfy(\.live) ? 1 : 0, "bool")
        StoreBench.report("scale.console.rss.bench_process" + suffix, Double(StoreBench.residentBytes()) / 1_048_576, "MB")
        // The console in a process of its own, launched `runs` times: its launch-to-live median
        // and the highest memory any of them reached by its first live frame.
        var children: [ConsoleProcess] = []
        for _ in 0..<runs { children.append(try consoleProcess(url: url)) }
        func most(_ name: String) -> Double { children.compactMap { $0.values[name] }.max() ?? 0 }
        let processLive = Sample.middle(children.map(\.milliseconds))
        latencies["scale.console.process.live"] = processLive
        StoreBench.report("scale.console.process.live" + suffix, processLive, "ms")
        StoreBench.report("scale.console.rss" + suffix, most("VmHWM") / 1024, "MB")
        StoreBench.report("scale.console.rss.current" + suffix, most("VmRSS") / 1024, "MB")
        StoreBench.report("scale.console.rss.anon" + suffix, most("RssAnon") / 1024, "MB")
        StoreBench.report("scale.console.rss.file" + suffix, most("RssFile") / 1024, "MB")
        StoreBench.report("scale.console.rss.malloc" + suffix, most("malloc_in_use") / 1_048_576, "MB")
        StoreBench.report("scale.console.accounts" + suffix, most("accounts"), "accounts")
        StoreBench.report("scale.console.account_pages" + suffix, most("account_pages"), "pages")
        StoreBench.report("scale.console.payments_kept" + suffix, most("payments_kept"), "entries")
        StoreBench.report("scale.console.accounts.frame" + suffix, accounts.accountsFrame, "ms")
        StoreBench.report("scale.console.accounts.filter" + suffix, accounts.accountsFilterFrame, "ms")
        StoreBench.report("scale.console.accounts.filter.again" + suffix, accounts.accountsFilterAgain, "ms")
        latencies.merge(try await cliReadFigures(url: url, suffix: suffix)) { $1 }
        var p99s: [Double] = [], p50s: [Double] = []
        for round in 0..<UInt64(3) {
            // A thousand seeks, so the 99th percentile is the tenth slowest rather than the
            // second: of 200, it was whichever of the one-time first uses of the index parts
            // (4 at 1 M, 8 at 10 M) came second.
            let seeks = try await ConsoleBenchmarks.seeks(directory: url, count: 1_000, seed: 0x5EEC + round).sorted()
            p99s.append(seeks.isEmpty ? 0 : seeks[min(seeks.count - 1, Int(Double(seeks.count - 1) * 0.99))])
            p50s.append(seeks.isEmpty ? 0 : seeks[seeks.count / 2])
        }
        let p99 = Sample.middle(p99s), p50 = Sample.middle(p50s)
        latencies["scale.seek.p99"] = p99
        StoreBench.report("scale.seek.p99" + suffix, p99, "ms")
        StoreBench.report("scale.seek.p50" + suffix, p50, "ms")
        return latencies
    }

    /// `scale.cli.balance` (of the account in the middle of the list), `scale.cli.held` and
    /// `scale.cli.payment` (of the newest payment, when there is one): one `bank-console`
    /// read command each, whole process, median of `runs`, ms; none when `bank-console` is not
    /// built beside this binary or the bank has no account.
    static func cliReadFigures(url: URL, suffix: String) async throws -> [String: Double] {
        let store = try FileEventStore.open(directory: url, options: FileStoreOptions(readOnly: true))
        let personalData = PersonalData(keys: FileCustomerKeyStore(directory: FileCustomerKeyStore.directory(in: url)))
        let saved = try FileReadModelStateStore(directory: Bank.readModelsDirectory(in: url), personalData: personalData).load()?.overview
        await store.close()
        guard let saved, saved.accounts.count > 0,
              let account = try saved.accounts.listed(saved.accounts.count / 2..<saved.accounts.count / 2 + 1).first?.id else { return [:] }
        var commands = [("scale.cli.balance", ["balance", account.sortCode.digits, account.accountNumber.digits]), ("scale.cli.held", ["held"])]
        if let payment = saved.payments.recent(limit: 1).first { commands.append(("scale.cli.payment", ["payment", payment.id.uuidString])) }
        var latencies: [String: Double] = [:]
        for (name, arguments) in commands {
            guard try cli(arguments + ["--store", url.path]) != nil else { return latencies }
            let sample = try await Sample.median(runs) {
                _ = try cli(arguments + ["--store", url.path])
                return {}
            }
            latencies[name] = sample.milliseconds
            latencies[name + ".cpu"] = sample.cpuMilliseconds
            StoreBench.report(name + suffix, sample.milliseconds, "ms")
            StoreBench.report(name + ".cpu" + suffix, sample.cpuMilliseconds, "ms")
        }
        return latencies
    }

    /// One `bank-console` command, whole process (start to exit), in ms; nil when `bank-console`
    /// is not built beside this binary (`swift build -c release`). Throws when it fails.
    static func cli(_ arguments: [String]) throws -> Double? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bank-console")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = StoreBench.seconds(clock.now - start) * 1000
        guard process.terminationStatus == 0 else {
            throw BenchFailure.cli("bank-console \(arguments.first ?? "") exited \(process.terminationStatus)")
        }
        return elapsed
    }
}
