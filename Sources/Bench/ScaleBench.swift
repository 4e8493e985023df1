import Foundation
import Store

/// `bank-bench scale [--events N]`: the store at the size of a busy bank's log.
///
/// Builds a store of N events (default 10,000,000) in a temporary directory, written directly
/// in large multi-stream batches with `.os` durability (building is not what is measured),
/// and prints each figure at 1,000,000 events and at N, so growth shows:
/// `scale.open` (a read-only open, as the CLI's read commands do, ms), `scale.open.writable`,
/// the same two in a fresh process (`scale.open.process`, `.writable.process`),
/// `scale.append` (open writable, one append to a new stream, close: ms), `scale.append.written` (bytes of
/// index files that append's close wrote), `scale.memory.per_event` (resident memory the
/// opened index takes per event), `scale.disk.overhead` (bytes of every file but the segments,
/// as % of the segment files; the last segment counts whole, as it is reserved when made) and
/// `scale.cli.append` (one `bank-console append`, whole process, when that binary is built
/// beside this one) and then `scale.growth` (the worst ratio of a latency at N over the same
/// at 1 M), `scale.growth.cpu` (the same over their CPU times) and each ratio
/// (`scale.growth.NAME`). Every latency is the median of `runs` samples (the opens and
/// `scale.append` of `openRuns`), printed with the median CPU time of those runs (`NAME.cpu`): one sample on a
/// shared machine measures mostly the load of its moment.
///
/// The store is a bank (`seedBank`: the default bank and a payment, by `bank-console`) and then
/// shaped like a busy one's (`BankShape`): payments of three events each in their own
/// stream, and a ledger event for one of a million accounts. Bank-level figures (console,
/// CLI) can build the same store with `ScaleBench.build(at:events:shape:at:)` and measure
/// at the same checkpoints.
enum ScaleBench {
    static let defaultEvents = 10_000_000
    static let firstCheckpoint = 1_000_000
    /// Samples of each latency figure, whose median is reported.
    static let runs = 5
    /// Samples of the opens and the append, which take a fraction of a millisecond: a median of five such
    /// samples on a shared machine moves with whatever else ran in those few milliseconds.
    static let openRuns = 21

    /// `--events N` from the command line, else the default.
    static func requestedEvents() -> Int {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--events"), flag + 1 < arguments.count,
              let value = Int(arguments[flag + 1].replacingOccurrences(of: "_", with: "")), value > 0 else { return defaultEvents }
        return value
    }

    static func run() async throws {
        if let directory = consoleDirectory() {
            try await seedConsoleDirectory(directory)
            _ = try await consoleFigures(url: directory, suffix: "")
            return
        }
        let events = requestedEvents()
        let url = StoreBench.temporaryDirectory("scale")
        StoreBench.remove(url)
        defer { StoreBench.remove(url) }
        let checkpoints = Array(Set([min(firstCheckpoint, events), events])).sorted()
        var latencies: [Int: [String: Double]] = [:]
        try seedBank(at: url)
        try await build(at: url, events: events, shape: BankShape(), at: checkpoints) { count in
            latencies[count] = try await figures(url: url, label: count)
        }
        guard let first = checkpoints.first, let last = checkpoints.last, first != last,
              let small = latencies[first], let large = latencies[last] else { return }
        func worst(_ names: [String]) -> Double {
            names.compactMap { name in small[name].flatMap { s in large[name].map { $0 / max(s, 0.001) } } }.max() ?? 0
        }
        let wall = small.keys.filter { !$0.hasSuffix(".cpu") }.sorted(), cpu = small.keys.filter { $0.hasSuffix(".cpu") }.sorted()
        for name in wall + cpu {
            if let s = small[name], let l = large[name] { StoreBench.report("scale.growth." + name.dropFirst(6), l / max(s, 0.001), "x") }
        }
        StoreBench.report("scale.growth", worst(wall), "x")
        StoreBench.report("scale.growth.cpu", worst(cpu), "x")
    }

    // MARK: - Building

    /// Makes the store a bank before the bank-shaped bulk is written: the default bank seeded
    /// (its accounts and the OFAC list) and one payment settled, by `bank-console` itself, so
    /// that the read commands (`scale.cli.balance`, `.held`, `.payment`), the console's views
    /// and the time machine's seeks have real accounts and a real payment to read at every
    /// size. Nothing when `bank-console` is not built beside this binary.
    static func seedBank(at url: URL) throws {
        guard try cli(["seed", "--store", url.path]) != nil else { return }
        _ = try cli(["pay", "--to", "40-12-34", "10000329", "--amount", "12.34", "--from-name", "Scale Bench", "--store", url.path])
    }

    /// What the store holds: the batch of appends that follows `event` events.
    protocol Shape {
        /// Appends of about `size` events starting at event number `first`.
        mutating func batch(first: Int, size: Int) -> [StreamAppend]
    }

    /// A bank's log: each payment is a stream of three events (received, screened, settled)
    /// and one ledger event for one of `accounts` accounts (chosen by a fixed-seed generator).
    struct BankShape: Shape {
        var accounts = 1_000_000
        var random: UInt64 = 0x5EED
        static let payload = Data(repeating: 0x62, count: 160)

        mutating func next() -> UInt64 {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return random >> 17
        }

        mutating func batch(first: Int, size: Int) -> [StreamAppend] {
            var appends: [StreamAppend] = []
            appends.reserveCapacity(size / 2)
            var n = first
            while n < first + size {
                let payment = n / 4
                let account = Int(next() % UInt64(accounts))
                appends.append(StreamAppend(stream: "Payments-\(payment)", expected: .noStream, events: [
                    event(n, "PaymentReceived"), event(n + 1, "PaymentScreened"), event(n + 2, "PaymentSettled"),
                ]))
                appends.append(StreamAppend(stream: "Ledger-\(account)", expected: .any, events: [event(n + 3, "LedgerCredited")]))
                n += 4
            }
            return appends
        }

        func event(_ n: Int, _ type: String) -> EventData {
            var bytes: uuid_t = (0x53, 0x43, 0x41, 0x4C, 0x45, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &bytes) { $0.storeBytes(of: UInt64(n).bigEndian, toByteOffset: 8, as: UInt64.self) }
            return EventData(id: UUID(uuid: bytes), type: type, data: Self.payload)
        }
    }

    /// Builds the store in `url` up to `events` events, closing it and calling `measure` with
    /// the count at each of `checkpoints` (ascending), then reopening to go on. The building
    /// store is closed and released before each `measure`, so that nothing of it (its index,
    /// its mappings, a save) is alive or working while the figures are taken.
    static func build<S: Shape>(at url: URL, events: Int, shape: S, at checkpoints: [Int],
                                measure: (Int) async throws -> Void) async throws {
        var shape = shape
        var written = 0
        for checkpoint in checkpoints {
            written = try await append(to: url, from: written, upTo: checkpoint, shape: &shape)
            try await measure(written)
        }
    }

    /// Opens the store in `url`, appends `shape`'s batches from event `written` up to
    /// `checkpoint` and closes it; the store is released when this returns. The new count.
    private static func append<S: Shape>(to url: URL, from written: Int, upTo checkpoint: Int, shape: inout S) async throws -> Int {
        let batchSize = 20_000
        var written = written
        let store = try FileEventStore.open(directory: url, options: FileStoreOptions(durability: .os))
        while written < checkpoint {
            let appends = shape.batch(first: written, size: min(batchSize, checkpoint - written))
            for result in await store.append(appends) {
                if case .failure(let error) = result { throw error }
            }
            written += appends.reduce(0) { $0 + $1.events.count }
        }
        await store.close()
        return written
    }

    // MARK: - Measuring

    /// Prints the figures for the store as it is, labelled with its event count; returns the
    /// latencies by name, for `scale.growth`.
    static func figures(url: URL, label: Int) async throws -> [String: Double] {
        let suffix = label % 1_000_000 == 0 ? ".\(label / 1_000_000)m" : ".\(label)"
        var latencies: [String: Double] = [:]

        // What building wrote is flushed first: a writable open syncs its checkpoint file and
        // the directory, and would otherwise wait behind the gigabytes the build left dirty.
        sync()
        // Warm: the first open after building may meet a cold page cache for the index files.
        do {
            let warm = try FileEventStore.open(directory: url, options: FileStoreOptions(readOnly: true))
            await warm.close()
        }
        let before = StoreBench.residentBytes()
        let probe = try FileEventStore.open(directory: url, options: FileStoreOptions(readOnly: true))
        let after = StoreBench.residentBytes()
        StoreBench.report("scale.memory.per_event" + suffix, Double(after - before) / Double(max(1, probe.headPosition)), "B")
        await probe.close()

        // Each latency is the median of `runs` samples (a single one on a shared machine is
        // mostly the load of the moment), with the median CPU time beside it (`.cpu`).
        func record(_ name: String, _ sample: Sample) {
            latencies[name] = sample.milliseconds
            latencies[name + ".cpu"] = sample.cpuMilliseconds
            StoreBench.report(name + suffix, sample.milliseconds, "ms")
            StoreBench.report(name + ".cpu" + suffix, sample.cpuMilliseconds, "ms")
        }
        record("scale.open", try await Sample.median(openRuns) {
            let store = try FileEventStore.open(directory: url, options: FileStoreOptions(readOnly: true))
            return { await store.close() }
        })
        record("scale.open.writable", try await Sample.median(openRuns) {
            let store = try FileEventStore.open(directory: url)
            return { await store.close() }
        })

        // The same opens in a process of their own (ScaleBench+OpenProcess.swift).
        let child = try openProcess(url: url)
        for name in ["scale.open.process", "scale.open.writable.process"] {
            if let wall = child[name], let cpu = child[name + ".cpu"] { record(name, Sample(milliseconds: wall, cpuMilliseconds: cpu)) }
        }

        let indexBefore = try indexFiles(url)
        var appended = 0
        // Each sample appends to a stream of its own: a new stream's first append is the one
        // that asks every saved part whether the stream is there. It takes about a
        // millisecond, so it gets as many samples as the opens.
        record("scale.append", try await Sample.median(openRuns) {
            let store = try FileEventStore.open(directory: url)
            _ = try await store.append(to: "Ledger-append-\(label)-\(appended)", expected: .any, events: [StoreBench.event("LedgerCredited")])
            await store.close()
            appended += 1
            return {}
        })
        let indexAfter = try indexFiles(url)
        let written = indexAfter.filter { indexBefore[$0.key] == nil || $0.key.hasSuffix("manifest") }.values.reduce(0, +)
        StoreBench.report("scale.append.written" + suffix, Double(written) / Double(max(1, appended)), "B")

        if try cliAppend(url: url, label: label) != nil {
            var run = 0
            record("scale.cli.append", try await Sample.median(runs) {
                run += 1
                _ = try cliAppend(url: url, label: label * 100 + run)
                return {}
            })
        }

        var segments = 0, others = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            let size = (try FileManager.default.attributesOfItem(atPath: url.path + "/" + name)[.size] as? Int) ?? 0
            if name.hasPrefix("segment-") { segments += size } else { others += size }
        }
        StoreBench.report("scale.disk.overhead" + suffix, Double(others) * 100 / Double(max(1, segments)), "%")
        // The console's figures (ScaleBench+Console.swift), after the store's: their files count above.
        latencies.merge(try await consoleFigures(url: url, suffix: suffix)) { $1 }
        return latencies
    }

    /// One `bank-console append` on the store, whole process (start, open, append, close), in
    /// ms; nil when `bank-console` is not built beside this binary (`swift build -c release`).
    static func cliAppend(url: URL, label: Int) throws -> Double? {
        // A stream of no bank entity: `append` refuses the bank's own streams (use pay/send).
        try cli(["append", "Scale-cli-\(label)", "Noted", "--data", "{\"n\":\(label)}", "--store", url.path])
    }

    enum BenchFailure: Error {
        case cli(String)
    }

    /// The index files (parts and manifest) with their sizes; parts are never rewritten, so a
    /// name not there before is a file the last close wrote.
    static func indexFiles(_ url: URL) throws -> [String: Int] {
        var files: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasPrefix("index") {
            files[name] = (try FileManager.default.attributesOfItem(atPath: url.path + "/" + name)[.size] as? Int) ?? 0
        }
        return files
    }
}
