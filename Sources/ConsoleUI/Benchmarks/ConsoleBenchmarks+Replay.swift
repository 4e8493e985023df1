import Core
import Foundation
import Store
import Synchronization

extension ConsoleBenchmarks {
    /// What `keyToFrame(replaying:…)` measured.
    package struct ReplayLoad: Sendable {
        package var measured: KeyToFrame
        /// Events per payment in the replayed history (each payment's whole life, ~7).
        package var eventsPerPayment: Double
        /// Events the feeder put into the UI's inbox per second (the offered load).
        package var deliveredEventsPerSecond: Double
        /// `deliveredEventsPerSecond / eventsPerPayment`: the settled-payment rate offered.
        package var deliveredPaymentsPerSecond: Double
    }

    /// The UI loop under the event load of a bank settling `paymentsPerSecond`: a feeder thread
    /// puts pre-generated bank events (Core's `SyntheticBankHistory`, each payment's whole
    /// life) into the loop's inbox at that rate, exactly as the live feed would, while a key
    /// is pressed every `keyInterval`; measures key read → frame drawn.
    ///
    /// This isolates the UI from how fast the in-process bank can settle (a few hundred
    /// payments/s on a small machine). The keys used (j/k on the flow pane) ask nothing of the
    /// bank, so the services behind the loop are an empty in-memory store and no bank.
    package static func keyToFrame(replaying paymentsPerSecond: Double, seconds: Double, seed: UInt64 = 1,
                                  keyInterval: Duration = .milliseconds(20)) async throws -> ReplayLoad {
        // Size the history from a sample's events per payment, with 10% to spare.
        let sample = try history(seed: seed, paymentsPerSecond: paymentsPerSecond).generate(eventCount: 20_000)
        let perPayment = eventsPerPayment(sample)
        let eventsPerSecond = paymentsPerSecond * perPayment
        let events = try history(seed: seed, paymentsPerSecond: paymentsPerSecond).generate(eventCount: Int(eventsPerSecond * seconds * 1.1))

        let inbox = Inbox()
        let delivered = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let feeder = Thread {
            // Deliver on schedule: by time t, t × rate events are in the inbox.
            let clock = ContinuousClock(), start = clock.now
            var next = 0
            while !stop.load(ordering: .relaxed), next < events.count {
                let elapsed = clock.now - start
                let due = min(events.count, Int((Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) * eventsPerSecond))
                if due > next {
                    inbox.post(events: events[next..<due])
                    next = due
                    delivered.store(next, ordering: .relaxed)
                }
                Thread.sleep(forTimeInterval: 0.001)
            }
        }
        feeder.name = "bench feeder"

        let store = MemoryEventStore()
        let services = ConsoleServices(
            store: store,
            // Never reached by the keys pressed; says so if it ever is.
            performAction: { action in CommandResult(action: action, succeeded: false, message: "the replay benchmark runs no bank") },
            controlSimulator: { _ in SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: paymentsPerSecond, mix: "replay") },
            simulatorStatus: { SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: paymentsPerSecond, mix: "replay") },
            loadSubscriptions: { SubscriptionsSnapshot(groups: [], projections: [], unavailable: "the replay benchmark runs no bank") },
            operatorName: "bench")
        let clock = ContinuousClock(), start = clock.now
        feeder.start()
        let measured = await onUIThread { runHeadless(services: services, inbox: inbox, seconds: seconds, keyInterval: keyInterval) }
        stop.store(true, ordering: .relaxed)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let deliveredRate = Double(delivered.load(ordering: .relaxed)) / seconds
        await store.close()
        return ReplayLoad(measured: measured, eventsPerPayment: perPayment, deliveredEventsPerSecond: deliveredRate,
                          deliveredPaymentsPerSecond: deliveredRate / perPayment)
    }

    /// A synthetic history whose payments are spaced as at `paymentsPerSecond`.
    private static func history(seed: UInt64, paymentsPerSecond: Double) -> SyntheticBankHistory {
        var history = SyntheticBankHistory(seed: seed)
        history.secondsBetweenPayments = 1 / paymentsPerSecond
        return history
    }

    /// Events per payment: every event over the number of payment streams (one per payment).
    static func eventsPerPayment(_ events: [RecordedEvent]) -> Double {
        let payments = Set(events.lazy.filter { $0.stream.hasPrefix("Payments-") }.map(\.stream)).count
        return payments == 0 ? 1 : Double(events.count) / Double(payments)
    }
}
