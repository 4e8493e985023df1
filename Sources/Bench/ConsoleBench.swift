import ConsoleUI
import Core
import Foundation
import Store

/// `bank-bench console`: how fast the console draws and answers keys.
///
/// - `render.frame`: State → Screen for a 200×60 console showing a full payment-flow pane
///   (20,000 events of Core's synthetic history folded in); median of 300 frames, µs. Target ≤ 500.
/// - `ui.key_to_frame.p99`: key read → frame drawn, 99th percentile, ms (target ≤ 16), for a
///   headless console (test terminal) whose inbox receives the event load of a bank settling
///   5,000 payments/s: Core's synthetic bank history (every event of each payment's life)
///   delivered at 5,000 payments/s × its events per payment, a key every 20 ms. The in-process
///   bank cannot settle that many on a small machine, so the load is replayed; the
///   `ui.replay.*` lines say what load was actually offered and folded in.
/// - `ui.live_bank.key_to_frame.p99`: the same measurement against the real in-process bank
///   with its simulator asked for 5,000 payments/s; `ui.live_bank.payments_settled_per_s` says
///   how many it really settled (the load of that figure).
enum ConsoleBench {
    static let paymentsPerSecond = 5_000.0

    static func run() async throws {
        let history = try SyntheticBankHistory(seed: 1).generate(eventCount: 20_000)
        let frames = ConsoleBenchmarks.renderFrames(events: history).sorted()
        print("render.frame\t\(format(percentile(frames, 0.5)))\tus")
        print("render.frame.p99\t\(format(percentile(frames, 0.99)))\tus")

        // Key → frame under a replayed 5,000 payments/s.
        let replay = try await ConsoleBenchmarks.keyToFrame(replaying: paymentsPerSecond, seconds: 8)
        let replayed = replay.measured.latencies.sorted()
        print("ui.key_to_frame.p99\t\(format(percentile(replayed, 0.99)))\tms")
        print("ui.key_to_frame.p50\t\(format(percentile(replayed, 0.5)))\tms")
        print("ui.keys_measured\t\(replayed.count)\tkeys")
        print("ui.replay.events_per_payment\t\(format(replay.eventsPerPayment))\tevents")
        print("ui.replay.offered_payments_per_s\t\(format(replay.deliveredPaymentsPerSecond))\tpayments/s")
        print("ui.replay.offered_events_per_s\t\(format(replay.deliveredEventsPerSecond))\tevents/s")
        print("ui.replay.events_folded_per_s\t\(format(replay.measured.eventsPerSecond))\tevents/s")
        print("ui.replay.payments_finished_per_s\t\(format(replay.measured.paymentsPerSecond))\tpayments/s")

        // Key → frame against the real in-process bank (its own, lower, settlement rate).
        let store = MemoryEventStore()
        let configuration = BankConfiguration(simulator: SimulatorSettings(ratePerSecond: paymentsPerSecond, mix: SimulatorSettings.validOnly))
        let bank = try await Bank(store: store, clock: SystemClock(), configuration: configuration, ownsStore: true)
        try await bank.startProcessors()
        bank.simulator.start(interval: .milliseconds(10))
        let measured = await ConsoleBenchmarks.keyToFrame(bank: bank, seconds: 8)
        bank.simulator.stop()
        await bank.close()
        let latencies = measured.latencies.sorted()
        print("ui.live_bank.key_to_frame.p99\t\(format(percentile(latencies, 0.99)))\tms")
        print("ui.live_bank.key_to_frame.p50\t\(format(percentile(latencies, 0.5)))\tms")
        print("ui.live_bank.keys_measured\t\(latencies.count)\tkeys")
        print("ui.live_bank.payments_settled_per_s\t\(format(measured.paymentsPerSecond))\tpayments/s")
        print("ui.live_bank.events_folded_per_s\t\(format(measured.eventsPerSecond))\tevents/s")
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
