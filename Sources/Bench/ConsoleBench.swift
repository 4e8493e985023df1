import ConsoleUI
import Core
import Foundation
import Store

/// `bank-bench console`: how fast the console draws and answers keys.
///
/// - `render.frame`: State → Screen for a 200×60 console showing a full payment-flow pane
///   (20,000 events of Core's synthetic history folded in); median of 300 frames, µs. Target ≤ 500.
/// - `ui.key_to_frame.p99`: a headless console (test terminal) on a bank whose simulator sends
///   5,000 payments/s; a key every 20 ms; key read → frame drawn, 99th percentile, ms. Target ≤ 16.
enum ConsoleBench {
    static func run() async throws {
        let history = try SyntheticBankHistory(seed: 1).generate(eventCount: 20_000)
        let frames = ConsoleBenchmarks.renderFrames(events: history).sorted()
        print("render.frame\t\(format(percentile(frames, 0.5)))\tus")
        print("render.frame.p99\t\(format(percentile(frames, 0.99)))\tus")

        let store = MemoryEventStore()
        let configuration = BankConfiguration(simulator: SimulatorSettings(ratePerSecond: 5_000, mix: SimulatorSettings.validOnly))
        let bank = try await Bank(store: store, clock: SystemClock(), configuration: configuration, ownsStore: true)
        try await bank.startProcessors()
        bank.simulator.start(interval: .milliseconds(10))
        let measured = await ConsoleBenchmarks.keyToFrame(bank: bank, seconds: 8)
        bank.simulator.stop()
        await bank.close()
        let latencies = measured.latencies.sorted()
        print("ui.key_to_frame.p99\t\(format(percentile(latencies, 0.99)))\tms")
        print("ui.key_to_frame.p50\t\(format(percentile(latencies, 0.5)))\tms")
        print("ui.keys_measured\t\(latencies.count)\tkeys")
        print("ui.payments_settled_per_s\t\(format(measured.paymentsPerSecond))\tpayments/s")
        print("ui.events_folded_per_s\t\(format(measured.eventsPerSecond))\tevents/s")
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
