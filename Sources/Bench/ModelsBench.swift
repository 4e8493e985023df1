import Core
import Foundation
import Store

/// `bank-bench models`: screening throughput, time-machine seeks and read-model replay.
///
/// `MODELS_BENCH_EVENTS` overrides the history's length (default 1,000,000) for quick runs;
/// `MODELS_BENCH_INTERVAL` the time machine's checkpoint interval K (default 250).
@Sendable func runModelsBench() async throws {
    try benchScreening()
    let events = ProcessInfo.processInfo.environment["MODELS_BENCH_EVENTS"].flatMap { Int($0) } ?? 1_000_000
    try benchReadModelsAndTimeMachine(events: events)
}

private func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name)\t\(String(format: "%.1f", value))\t\(unit)")
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// `screening.names`: names screened per second against a 10,000-entry list (1 in 20 a
/// distorted listed name, the rest fresh names).
func benchScreening() throws {
    var names = SyntheticNames(seed: 1)
    let list = names.list(count: 10_000)
    let payments = names.payments(count: 200_000, from: list)
    let clock = ContinuousClock()
    let buildStart = clock.now
    let screener = SanctionsScreener(entries: list)
    report("screening.index", seconds(clock.now - buildStart) * 1000, "ms")
    let start = clock.now
    var held = 0
    for name in payments {
        held += screener.screen([(role: .originator, name: name)]).count
    }
    let elapsed = seconds(clock.now - start)
    report("screening.names", Double(payments.count) / elapsed, "names/s")
    report("screening.held", Double(held), "names")
}

/// `replay.readmodels` (all read models rebuilt from `events` events, ev/s) and
/// `timemachine.seek.p99` (random seeks, ms).
func benchReadModelsAndTimeMachine(events count: Int) throws {
    let clock = ContinuousClock()
    var history = SyntheticBankHistory(seed: 2026)
    history.accounts = 2_000
    let generateStart = clock.now
    let events = try history.generate(eventCount: count)
    report("history.generate", seconds(clock.now - generateStart), "s")

    let decodeStart = clock.now
    var decoded = 0
    for event in events.prefix(100_000) {
        do {
            _ = try BankEvent.decode(event)
            decoded += 1
        } catch {
            continue
        }
    }
    report("decode.events", Double(decoded) / seconds(clock.now - decodeStart), "ev/s")

    let replayStart = clock.now
    let rebuilt = BankReadModels.folding(events)
    report("replay.readmodels", Double(events.count) / seconds(clock.now - replayStart), "ev/s")

    let interval = ProcessInfo.processInfo.environment["MODELS_BENCH_INTERVAL"].flatMap { Int($0) } ?? 250
    let residentBefore = residentMegabytes()
    var machine = TimeMachine(interval: interval)
    let ingestStart = clock.now
    for event in events { try machine.ingest(event) }
    report("timemachine.ingest", Double(events.count) / seconds(clock.now - ingestStart), "ev/s")
    guard machine.live == rebuilt else {
        FileHandle.standardError.write(Data("models bench: live time-machine state differs from a rebuild\n".utf8))
        exit(1)
    }

    var random = SyntheticBankHistory.Random(seed: 99)
    var timings: [Double] = []
    var settled = 0
    for _ in 0..<1_000 {
        let position = UInt64.random(in: 0...UInt64(events.count), using: &random)
        let start = clock.now
        let state = machine.state(atPosition: position) { range in
            Array(events[Int(range.lowerBound)..<Int(range.upperBound)])
        }
        settled = max(settled, state.payments.count(of: .settled))
        timings.append(seconds(clock.now - start) * 1000)
    }
    timings.sort()
    report("timemachine.seek.p50", timings[timings.count / 2], "ms")
    report("timemachine.seek.p99", timings[timings.count * 99 / 100], "ms")
    report("timemachine.checkpoints", Double(machine.checkpointCount), "checkpoints")
    report("timemachine.memory", residentMegabytes() - residentBefore, "MB")
    report("timemachine.interval", Double(interval), "events")
    report("timemachine.seek.maxsettled", Double(settled), "payments")
}

/// Resident memory of this process in megabytes (Linux `/proc/self/statm`; 0 elsewhere).
private func residentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
    return pages * 4096 / 1_048_576
}
