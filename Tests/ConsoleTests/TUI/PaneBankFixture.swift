import Core
import Foundation
import Store
@testable import ConsoleUI

/// A deterministic bank for screen and update tests: Core's synthetic history, folded in.
enum PaneBankFixture {
    /// The same events every run (seeded), small enough to fold in milliseconds.
    static let events: [RecordedEvent] = {
        var history = SyntheticBankHistory(seed: 7)
        history.accounts = 30
        history.sanctionedEntries = 10
        // A synthetic history is generated, never read from disk: failing here is a broken Core.
        return try! history.generate(eventCount: 1_500)
    }()

    /// A prefix of `events` that ends with payments waiting in the held queue.
    static let eventsWithHolds: [RecordedEvent] = {
        var models = BankReadModels()
        for (index, event) in events.enumerated() {
            models.apply(event)
            if models.payments.count(of: .held) >= 1 { return Array(events[...index]) }
        }
        return events
    }()

    /// One second after the last event.
    static var now: Date { (events.last?.created ?? Fixture.now).addingTimeInterval(1) }

    static func state(width: Int = 80, height: Int = 24, pane: PaneID = .flow, events: [RecordedEvent] = PaneBankFixture.events) -> State {
        let now = (events.last?.created ?? Fixture.now).addingTimeInterval(1)
        var state = State(size: Size(width: width, height: height), glyphs: .unicode, now: now)
        state.pane = pane
        state.simulator = SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: 200, mix: "default")
        let (next, _) = update(state, .eventsArrived(events, head: UInt64(events.count)))
        var result = next
        result.now = now
        result.bank.finishedRate = RateMeter()
        return result
    }

    /// The time machine's answer for `position`, worked out as the runner would, from a store
    /// holding `events`.
    static func snapshot(_ state: State, at position: UInt64) async throws -> TimeSnapshot {
        try TimeQuery(state).read(at: position, in: try await store(events))
    }

    /// A memory store holding `events` at their positions and times.
    static func store(_ events: [RecordedEvent]) async throws -> MemoryEventStore {
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        for event in events {
            clock.set(event.created)
            _ = try await store.append(to: event.stream, expected: .any, events: [
                EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata),
            ])
        }
        return store
    }

    /// Two groups and two projections, the second faulted with a long state.
    static let subscriptions = SubscriptionsSnapshot(
        groups: [
            .shown(group: "inbound-processor", source: "$ce-Payments",
                   consumers: [PersistentConsumerStats(id: 1, name: "inbound-1", delivered: 1_207, inFlight: 2, acked: 1_204, nacked: 1,
                                                       timedOut: 0, bufferSize: 10)],
                   inFlight: 2, acked: 1_204, retried: 1, parked: 0, lag: 3, lastCheckpoint: 1_190),
            .shown(group: "screening", source: "$ce-Payments",
                   inFlight: 0, acked: 310, retried: 4, parked: 2, lag: 0, lastCheckpoint: 300),
        ],
        projections: [
            .shown(name: "accounts-by-status", source: "$ce-Accounts", position: 64, lag: 0, processed: 64,
                   stateLines: ["{", "  \"open\" : [", "    \"401234-10000337\"", "  ]", "}"]),
            .shown(name: "fraud-analysis", source: "$all", runState: .faulted, position: 1_210, lag: 290, processed: 1_210,
                   fault: ProjectionFault(message: "bad amount", stream: "Payments-Inbound-19b2", version: 4, position: 1_210),
                   stateLines: ["{", "  \"flags\" : ["] + (1...40).map { "    { \"account\" : \"401234-1000\($0 + 1000)\", \"score\" : \($0) }," } + ["  ]", "}"]),
        ],
        unavailable: nil)
}
