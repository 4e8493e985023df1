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
/// 160×48 console shows; ms; ≤ 10; the median of three rounds). `live` is the median of five
/// launches, with its CPU time (`.cpu`). `scale.console.live.store_open` is the part of `live` spent
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
        // `live` and the seeks are medians of `runs` launches and of three rounds (see `Sample`).
        var launches: [ConsoleBenchmarks.Launch] = []
        let live = try await Sample.median(runs) {
            launches.append(try await ConsoleBenchmarks.firstLiveFrame(directory: url))
            return {}
        }
        let launch = launches.sorted { $0.milliseconds < $1.milliseconds }[(launches.count - 1) / 2]
        latencies["scale.console.live"] = live.milliseconds
        latencies["scale.console.live.cpu"] = live.cpuMilliseconds
        StoreBench.report("scale.console.live" + suffix, live.milliseconds, "ms")
        StoreBench.report("scale.console.live.cpu" + suffix, live.cpuMilliseconds, "ms")
        StoreBench.report("scale.console.live.store_open" + suffix, launch.storeMilliseconds, "ms")
        StoreBench.report("scale.console.caught_up" + suffix, launches.allSatisfy(\.live) ? 1 : 0, "bool")
        StoreBench.report("scale.console.rss" + suffix, Double(StoreBench.residentBytes()) / 1_048_576, "MB")
        StoreBench.report("scale.console.accounts.frame" + suffix, launch.accountsFrame, "ms")
        StoreBench.report("scale.console.accounts.filter" + suffix, launch.accountsFilterFrame, "ms")
        StoreBench.report("scale.console.accounts.filter.again" + suffix, launch.accountsFilterAgain, "ms")
        var p99s: [Double] = [], p50s: [Double] = []
        for round in 0..<UInt64(3) {
            let seeks = try await ConsoleBenchmarks.seeks(directory: url, count: 200, seed: 0x5EEC + round).sorted()
            p99s.append(seeks.isEmpty ? 0 : seeks[min(seeks.count - 1, Int(Double(seeks.count - 1) * 0.99))])
            p50s.append(seeks.isEmpty ? 0 : seeks[seeks.count / 2])
        }
        let p99 = Sample.middle(p99s), p50 = Sample.middle(p50s)
        latencies["scale.seek.p99"] = p99
        StoreBench.report("scale.seek.p99" + suffix, p99, "ms")
        StoreBench.report("scale.seek.p50" + suffix, p50, "ms")
        return latencies
    }
}
