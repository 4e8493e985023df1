import Foundation
import Store
@testable import ConsoleUI
@testable import Core

/// Operators for the console's role tests: a roster, a threshold, and the held payment of
/// `LargeMoneyFixture` with a first approval.
enum OperatorFixture {
    /// sam supervises, jo and kim operate, vic views.
    static let roster: OperatorRoster = {
        var roster = OperatorRoster()
        let people: [(String, OperatorRole)] = [("sam", .supervisor), ("jo", .operator), ("kim", .operator), ("vic", .viewer)]
        for (version, (name, role)) in people.enumerated() {
            roster.apply(.operatorAdded(OperatorAdded(name: name, role: role, by: "sam", reason: "team")), version: Int64(version))
        }
        return roster
    }()

    /// `state` with `name` at the console and the roster read.
    static func seated(_ state: State, as name: String) -> State {
        var state = state
        var seat = ConsoleOperator(name: name)
        seat.roster = roster
        seat.stale = false
        state.consoleOperator = seat
        return state
    }

    /// LargeMoneyFixture's events and jo's first approval of its held payment (£999,999,999,999.99).
    static let approvedEvents: [RecordedEvent] = {
        var log = RecordedEventLog()
        for event in LargeMoneyFixture.events { _ = log.append(event) }
        let approval = HeldPaymentApproved(paymentId: LargeMoneyFixture.heldPayment,
                                           decision: OperatorDecision(by: "jo", at: LargeMoneyFixture.start.addingTimeInterval(40), reason: "passport seen"))
        // A literal event: failing to encode it is a broken Core, not a test outcome.
        _ = try! log.append(approval, to: .payment(.inbound, LargeMoneyFixture.heldPayment), at: LargeMoneyFixture.start.addingTimeInterval(40),
                            id: UUID(uuidString: "00000000-0000-4000-8000-000000000999")!)
        return log.events
    }()

    /// The held pane over `approvedEvents`.
    static func approvedState(width: Int = 120, height: Int = 40, as name: String) -> State {
        var state = State(size: Size(width: width, height: height), now: LargeMoneyFixture.start.addingTimeInterval(60))
        state.pane = .held
        state.simulator = SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: 5, mix: "default")
        state = update(state, .eventsArrived(approvedEvents, head: UInt64(approvedEvents.count))).0
        state.bank.finishedRate = RateMeter()
        state.eventRate = RateMeter()
        return seated(state, as: name)
    }
}
