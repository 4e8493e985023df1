import Core
import Foundation
import Store
import StoreTestSupport
import Testing
@testable import ConsoleUI

/// Positions need not be dense (PostgreSQL's sequence leaves gaps): the time machine steps from
/// event to event over them and shows the position of the event it shows.
@Suite struct GappedPositionsTests {
    static let alice = AccountID(sortCode: "401234", accountNumber: "12345706")!
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// Alice opened, +£100.00, +£12.34: at positions 0, 10 and 20.
    static func store() async throws -> GappedStore {
        let base = MemoryEventStore(clock: ManualClock(start))
        try await CLIBankFixture.append(AccountOpened(account: alice, holder: "Alice Example"), to: .account(alice), in: base)
        try await CLIBankFixture.append(LedgerEntryPosted(account: alice, amount: Money(pence: 10_000), balanceAfter: Money(pence: 10_000),
                                                          kind: .openingBalance, paymentId: nil, description: "opening"), to: .ledger(alice), in: base)
        try await CLIBankFixture.append(LedgerEntryPosted(account: alice, amount: Money(pence: 1_234), balanceAfter: Money(pence: 11_234),
                                                          kind: .inboundPayment, paymentId: nil, description: "rent"), to: .ledger(alice), in: base)
        return GappedStore(base: base)
    }

    /// Presses `key` on the time machine and carries out its seek against `store`, as the runner does.
    static func press(_ key: Key, _ state: State, _ store: GappedStore) throws -> State {
        var (after, effects) = update(state, .keyPressed(key))
        for case let .seek(position, later) in effects {
            after = update(after, .timeMachineLoaded(try TimeQuery(after).read(at: position, later: later, in: store))).0
        }
        return after
    }

    @Test func theTimeMachineStepsOverGapsFromEventToEvent() async throws {
        let store = try await Self.store()
        let events = try store.read(.all, from: .version(0), direction: .forward, maxCount: 10)
        #expect(events.map(\.position) == [0, 10, 20])
        var state = State(size: Size(width: 120, height: 40), now: Self.start.addingTimeInterval(60))
        state.pane = .timeMachine
        state = update(state, .eventsArrived(events, head: store.headPosition)).0

        state = try Self.press(.home, state, store)
        #expect(state.time.position == 0)
        state = try Self.press(.right, state, store)
        #expect(state.time.position == 10)
        #expect(state.time.snapshot?.accounts[Self.alice]??.balance == Money(pence: 10_000))
        state = try Self.press(.right, state, store)
        #expect(state.time.position == 20)
        #expect(state.time.snapshot?.accounts[Self.alice]??.balance == Money(pence: 11_234))
        state = try Self.press(.left, state, store)
        #expect(state.time.position == 10)
        #expect(state.time.snapshot?.accounts[Self.alice]??.balance == Money(pence: 10_000))
        state = try Self.press(.left, state, store)
        #expect(state.time.position == 0)
        #expect(state.time.snapshot?.accounts[Self.alice]??.balance == Money(pence: 0))
    }
}

/// A store whose `$all` positions are ten apart (event n of the base is at position 10n), as a
/// PostgreSQL store's are after rolled-back transactions. Stream and index reads pass through
/// with their events' positions mapped the same way.
final class GappedStore: ForwardingEventStore {
    let base: any EventStore
    init(base: any EventStore) { self.base = base }

    static let spacing: UInt64 = 10

    var headPosition: UInt64 {
        let head = base.headPosition
        return head == 0 ? 0 : (head - 1) * Self.spacing + 1
    }

    func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        var from = start
        if case .all = target, case .version(let position) = start {
            let value = UInt64(max(0, position))
            // Forward: the first event at or after; backward: the last at or before.
            let mapped = direction == .forward ? (value + Self.spacing - 1) / Self.spacing : value / Self.spacing
            from = .version(Int64(mapped))
        }
        return try base.read(target, from: from, direction: direction, maxCount: maxCount).map(Self.gapped)
    }

    func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent {
        Self.gapped(try base.event(stream: stream, version: version))
    }

    func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent {
        guard position % Self.spacing == 0 else { throw .positionNotFound(position) }
        return Self.gapped(try base.event(at: position / Self.spacing))
    }

    private static func gapped(_ event: RecordedEvent) -> RecordedEvent {
        var event = event
        event.position *= spacing
        return event
    }
}
