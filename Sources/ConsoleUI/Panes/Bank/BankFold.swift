import Core
import Foundation
import Store

/// The bank as the console knows it: every event of the log folded into Core's read models,
/// with the time machine's checkpoints kept alongside so any earlier point can be sought.
struct BankFold: Sendable {
    var timeMachine: TimeMachine
    /// Payments that reached an end state per second (the flow pane's sparkline).
    var finishedRate = RateMeter()

    /// - Parameter checkpointInterval: events between time-machine checkpoints. A checkpoint shares
    ///   all unchanged structure with the one before, so at 500 they cost about 36 B per event and
    ///   a seek in a 1M-event bank takes 3.7 ms at p99 (`MODELS_BENCH_INTERVAL=500 bank-bench models`).
    init(checkpointInterval: Int = 500) {
        timeMachine = TimeMachine(interval: checkpointInterval)
    }

    /// The bank now.
    var live: BankReadModels { timeMachine.live }

    /// Folds new events in; returns how many payments reached an end state.
    mutating func ingest(_ events: [RecordedEvent], at now: Date) -> Int {
        var finished = 0
        for event in events {
            do {
                try timeMachine.ingest(event)
            } catch {
                // A gap means events were missed; the live feed is in order, so this is a bug
                // upstream. Skip the event rather than crash the operator's console.
                continue
            }
            switch event.type {
            case "InboundPaymentBalanceUpdated", "InboundPaymentReturned", "InboundPaymentFailed",
                 "OutboundPaymentFailed", "OutboundPaymentAccepted", "OutboundPaymentReversed":
                finished += 1
            default: break
            }
        }
        finishedRate.add(finished, at: now)
        return finished
    }
}

extension BankFold: Equatable {
    /// Two folds are equal when they folded the same events to the same read models.
    static func == (lhs: BankFold, rhs: BankFold) -> Bool {
        lhs.timeMachine.count == rhs.timeMachine.count && lhs.live == rhs.live && lhs.finishedRate == rhs.finishedRate
    }
}

/// The simulator as the footer shows it.
struct SimulatorStatus: Hashable, Sendable {
    var isRunning = false
    var isPaused = false
    var ratePerSecond: Double = 0
    var mix = "default"
    /// Why the simulator stopped sending, when it stopped on an error.
    var lastError: String?

    var summary: String {
        if let lastError { return "sim ■ stopped: \(lastError)" }
        guard isRunning else { return "sim off" }
        let rate = ratePerSecond >= 10 || ratePerSecond == ratePerSecond.rounded() ? "\(Int(ratePerSecond))" : String(format: "%.1f", ratePerSecond)
        return "sim \(isPaused ? "paused" : "▶") \(rate)/s \(mix)"
    }
}

/// A change to the simulator asked for from the keyboard.
enum SimulatorControl: Hashable, Sendable {
    case pause, resume
    case rate(Double)
    /// A named mix preset (see `SimulatorPresets`).
    case mix(String)
}

/// The simulator's mix presets, cycled with `m`.
enum SimulatorPresets {
    static let names = ["default", "valid", "holds", "chaos"]

    static func next(after name: String) -> String {
        let index = names.firstIndex(of: name) ?? 0
        return names[(index + 1) % names.count]
    }

    /// Rates the `+` and `-` keys step through.
    static let rates: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000]

    static func rate(after rate: Double, up: Bool) -> Double {
        if up { return rates.first { $0 > rate + 0.001 } ?? rates[rates.count - 1] }
        return rates.last { $0 < rate - 0.001 } ?? rates[0]
    }
}
