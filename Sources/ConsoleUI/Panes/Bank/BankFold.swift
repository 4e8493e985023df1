import Core
import Foundation
import Store

/// The bank as the console knows it: the bank-wide views (`BankOverview`) as the bank had
/// them when the console opened — resumed from their save, so the first frame shows the bank
/// now — carried on by the events that arrive after them. Bounded: the views hold the
/// accounts, the payments open and a window of recent ones, nothing per event of the log.
/// The past is read from the store on demand (`PastBank`), never kept here.
struct BankFold: Sendable {
    var live: BankOverview
    /// Payments that reached an end state per second (the flow pane's sparkline).
    var finishedRate = RateMeter()
    /// The scheduled payments and standing orders (read whole at start, then carried on by
    /// the `ScheduledPayments-` events that arrive): the top bar's count, the ledger's upcoming list.
    var schedules = ScheduleBook()
    /// Why the schedules stopped folding (an event that does not decode), if they did.
    var schedulesProblem: String?
    /// Why the views stopped folding — a page of the accounts list that could not be read or
    /// written — if they did: nothing after it is folded (the accounts pane says so).
    var failure: String?

    init(live: BankOverview = BankOverview()) {
        self.live = live
    }

    /// Folds new events in (those the views already cover are skipped); returns how many
    /// payments reached an end state.
    ///
    /// Without a `PaymentLookup`: a step of a payment that finished and left the window
    /// (never in the bank's own flow) is not counted here; the bank's own fold reads it.
    mutating func ingest(_ events: [RecordedEvent], at now: Date) -> Int {
        var finished = 0
        for event in events where failure == nil {
            if schedulesProblem == nil, BankCategory(streamName: event.stream) == .scheduledPayments {
                do throws(BankError) { try schedules.apply(event) } catch { schedulesProblem = error.description }
            }
            let before = live.eventCount
            // Without a lookup only the accounts list's pages can fail: the fold stops there.
            do throws(EventStoreError) {
                try live.apply(event)
            } catch {
                failure = "at position \(event.position): \(error)"
                break
            }
            guard live.eventCount > before else { continue }
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

extension BankFold: Equatable {}

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
