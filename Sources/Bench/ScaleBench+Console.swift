import ConsoleUI
import Core
import Foundation
import Store

/// The console's figures of `bank-bench scale`, on the store `ScaleBench` built:
/// `scale.console.rebuild` (folding the whole log into the bank-wide views and saving them, as
/// a first start does; ms), `scale.console.live` (launch to the first frame, headless, with
/// the views resumed from their save; ms; target ≤ 1,000), `scale.console.caught_up` (1 when
/// that frame showed the bank at the head), `scale.console.rss` (this process's resident
/// memory once live, MB, an upper bound: the bench's own allocations count too; ≤ 1,024) and
/// `scale.seek.p99` / `.p50` (200 time-machine seeks at random positions, each reading what a
/// 160×48 console shows; ms; ≤ 10). `scale.console.live.store_open` is the part of `live` spent
/// opening the store. `scale.console.accounts.frame` draws the accounts pane scrolled to the
/// middle of the list; `.filter` the first frame with `/smith` typed (it counts every page's
/// matches once) and `.filter.again` the next (the counts are memoised); ms.
///
/// `bank-bench scale --console DIR` prints only these, on an existing data directory (a real
/// bank's, e.g. after `bank-console run`), without building a store.
extension ScaleBench {
    /// `--console DIR` from the command line.
    static func consoleDirectory() -> URL? {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--console"), flag + 1 < arguments.count else { return nil }
        return URL(fileURLWithPath: arguments[flag + 1])
    }

    static func consoleFigures(url: URL, suffix: String) async throws -> [String: Double] {
        var latencies: [String: Double] = [:]
        let rebuild = try await ConsoleBenchmarks.rebuildViews(directory: url)
        StoreBench.report("scale.console.rebuild" + suffix, rebuild, "ms")
        let launch = try await ConsoleBenchmarks.firstLiveFrame(directory: url)
        latencies["scale.console.live"] = launch.milliseconds
        StoreBench.report("scale.console.live" + suffix, launch.milliseconds, "ms")
        StoreBench.report("scale.console.live.store_open" + suffix, launch.storeMilliseconds, "ms")
        StoreBench.report("scale.console.caught_up" + suffix, launch.live ? 1 : 0, "bool")
        StoreBench.report("scale.console.rss" + suffix, Double(StoreBench.residentBytes()) / 1_048_576, "MB")
        StoreBench.report("scale.console.accounts.frame" + suffix, launch.accountsFrame, "ms")
        StoreBench.report("scale.console.accounts.filter" + suffix, launch.accountsFilterFrame, "ms")
        StoreBench.report("scale.console.accounts.filter.again" + suffix, launch.accountsFilterAgain, "ms")
        let seeks = try await ConsoleBenchmarks.seeks(directory: url, count: 200, seed: 0x5EEC).sorted()
        let p99 = seeks.isEmpty ? 0 : seeks[min(seeks.count - 1, Int(Double(seeks.count - 1) * 0.99))]
        let p50 = seeks.isEmpty ? 0 : seeks[seeks.count / 2]
        latencies["scale.seek.p99"] = p99
        StoreBench.report("scale.seek.p99" + suffix, p99, "ms")
        StoreBench.report("scale.seek.p50" + suffix, p50, "ms")
        return latencies
    }
}
