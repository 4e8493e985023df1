import Core
import Foundation
import Store

/// `bank-bench screening`: screening against the real OFAC SDN list (seeds/sanctions/).
///
/// - `screening.real.parse` — read both CSV files into entries (ms);
/// - `screening.real.load` — load the imported list from its snapshot in a store (ms), and
///   `screening.real.index` — build the screener for it (ms): together the start-up cost;
/// - `screening.names` — names screened per second on one core: 100,000 names, 19 in 20
///   ordinary UK names (`OrdinaryUKNames`, seed 15) and 1 in 20 true variants
///   (`RealListVariants`, seed 14);
///   (`.cpu`: per CPU-second of the screening thread, steady on a busy machine);
/// - `screening.p99` / `.p50` — µs for one payment's three names (two ordinary, the third a
///   true variant one time in twenty), over 20,000 payments (`.cpu`: the thread's CPU time per
///   payment, which a busy machine's preemptions do not inflate);
/// - `screening.recall` — % of 3,000 true variants held (`.entry`: held on that very entry;
///   `.KIND` per kind of variant);
/// - `screening.false_holds` — % of 20,000 ordinary UK person and company names held.
/// `BANK_BENCH_SAMPLES=N` prints N missed variants and N false holds on stderr.
enum ScreeningBench {
    static func run() async throws {
        let clock = ContinuousClock()
        guard let directory = BundledSeeds.directory?.appendingPathComponent("sanctions") else { throw CocoaError(.fileNoSuchFile) }
        let parseStart = clock.now
        let list = OFACList(sdn: Array(try Data(contentsOf: directory.appendingPathComponent("ofac-sdn.csv"))),
                            aliases: Array(try Data(contentsOf: directory.appendingPathComponent("ofac-alt.csv"))))
        print("screening.real.parse\t\(format(ms(clock.now - parseStart)))\tms")
        print("screening.real.entries\t\(list.entries.count)\tentries")
        print("screening.real.aliases\t\(list.aliasCount)\taliases")

        let store = MemoryEventStore(clock: SystemClock())
        let bank = try await Bank(store: store, clock: SystemClock(), configuration: BankConfiguration(seed: 1, subscriptionTick: nil))
        try await bank.writeSanctionsImport(list.entries, by: "bench", origin: nil)
        let loadStart = clock.now
        let loaded = try SanctionsList.load(from: store)
        print("screening.real.load\t\(format(ms(clock.now - loadStart)))\tms")
        await bank.close()
        let indexStart = clock.now
        let screener = SanctionsScreener(entries: loaded.entries, threshold: 0.85)
        print("screening.real.index\t\(format(ms(clock.now - indexStart)))\tms")

        let samples = ProcessInfo.processInfo.environment["BANK_BENCH_SAMPLES"].flatMap(Int.init) ?? 0
        var generator = RealListVariants(seed: 14, entries: list.entries)
        let variants = generator.variants(count: 3_000)
        var ordinary = OrdinaryUKNames(seed: 15)
        let fresh = ordinary.names(count: 20_000)

        // Recall and false holds.
        var held = 0, heldEntry = 0, missed: [String] = []
        var byKind: [RealListVariants.Kind: (held: Int, total: Int)] = [:]
        for variant in variants {
            let match = screener.screen([(.beneficiary, variant.name)]).first
            byKind[variant.kind, default: (0, 0)].total += 1
            if match != nil { held += 1; byKind[variant.kind, default: (0, 0)].held += 1 } else if missed.count < samples { missed.append("\(variant.kind.rawValue): \(variant.name) (\(variant.entryId))") }
            if match?.entryId == variant.entryId { heldEntry += 1 }
        }
        var falseHolds = 0, falseSamples: [String] = []
        for name in fresh {
            if let match = screener.screen([(.beneficiary, name)]).first {
                falseHolds += 1
                if falseSamples.count < samples { falseSamples.append("\(name) ~ \(match.matched) (\(match.entryId)) \(match.score)") }
            }
        }
        print("screening.recall\t\(format(Double(held) * 100 / Double(variants.count)))\t%")
        print("screening.recall.entry\t\(format(Double(heldEntry) * 100 / Double(variants.count)))\t%")
        for kind in RealListVariants.Kind.allCases {
            let counts = byKind[kind, default: (0, 0)]
            print("screening.recall.\(kind.rawValue)\t\(format(Double(counts.held) * 100 / Double(max(1, counts.total))))\t% of \(counts.total)")
        }
        print("screening.false_holds\t\(format(Double(falseHolds) * 100 / Double(fresh.count)))\t%")
        for line in missed { FileHandle.standardError.write(Data("missed \(line)\n".utf8)) }
        for line in falseSamples { FileHandle.standardError.write(Data("false hold \(line)\n".utf8)) }

        // Throughput on one core: 19 ordinary names in 20, then payments of three names.
        var traffic: [String] = []
        var more = OrdinaryUKNames(seed: 16)
        for index in 0..<100_000 { traffic.append(index % 20 == 19 ? variants[index % variants.count].name : more.person()) }
        let start = clock.now
        let cpuStart = CPUTime.thread()
        var hits = 0
        for name in traffic where !screener.screen([(.beneficiary, name)]).isEmpty { hits += 1 }
        let cpu = CPUTime.thread() - cpuStart
        let seconds = ms(clock.now - start) / 1_000
        print("screening.names\t\(Int(Double(traffic.count) / seconds))\tnames/s")
        print("screening.names.cpu\t\(Int(Double(traffic.count) / max(1e-9, cpu)))\tnames/cpu-s")
        var timings: [Double] = [], cpuTimings: [Double] = []
        for index in 0..<20_000 {
            let third = index % 20 == 19 ? variants[index % variants.count].name : more.person()
            let names: [(role: ScreeningMatch.Role, name: String)] = [(.originator, more.names(count: 1)[0]), (.beneficiary, more.person()), (.accountHolder, third)]
            let c = CPUTime.thread()
            let t = clock.now
            hits += screener.screen(names).count
            timings.append(ms(clock.now - t) * 1_000)
            cpuTimings.append((CPUTime.thread() - c) * 1e6)
        }
        timings.sort()
        cpuTimings.sort()
        print("screening.p99\t\(format(timings[timings.count * 99 / 100]))\tµs per payment (3 names)")
        print("screening.p50\t\(format(timings[timings.count / 2]))\tµs per payment (3 names)")
        print("screening.p99.cpu\t\(format(cpuTimings[cpuTimings.count * 99 / 100]))\tµs CPU per payment (3 names)")
        print("screening.p50.cpu\t\(format(cpuTimings[cpuTimings.count / 2]))\tµs CPU per payment (3 names)")
        if hits < 0 { print(hits) }
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
