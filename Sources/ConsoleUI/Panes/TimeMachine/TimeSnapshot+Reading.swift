import Core
import Foundation
import Store

extension TimeSnapshot {
    /// The bank as of `position` for the accounts `accounts` and the ledger of `ledgerOf`
    /// (its newest `ledgerLimit` lines). Cost: see `PastBank` — a few index look-ups per
    /// account on screen, none growing with the length of the log.
    /// `later`: the first event at or after `position` instead, when there is one (a step
    /// forward over a gap in the positions). The snapshot's `position` is the event's.
    static func read(at position: UInt64, later: Bool = false, accounts: [AccountID], ledgerOf: AccountID?, ledgerLimit: Int,
                     in store: any EventStore) throws(EventStoreError) -> TimeSnapshot {
        let past = PastBank(store: store)
        var snapshot = TimeSnapshot(position: position)
        var shown: RecordedEvent?
        if later { shown = try store.read(.all, from: .version(Int64(position)), direction: .forward, maxCount: 1).first }
        if shown == nil { shown = try past.lastEvent(atOrBefore: position) }
        guard let last = shown else { return snapshot }
        let through = last.position
        if through != position {
            snapshot.position = through
            snapshot.asked = position
        }
        snapshot.created = last.created
        // As `$all` gave it: its stream may no longer hold it (past the stream's `$maxCount`).
        snapshot.event = StoreReader(store: store).detail(of: last, via: nil)
        snapshot.payments = try past.paymentCount(through: through)
        snapshot.accountsOpened = try past.count(of: AccountOpened.eventType, through: through)
        // An event that cannot be trusted: its description instead of every number.
        func untrusted(_ fault: EventFault) -> TimeSnapshot {
            TimeSnapshot(position: through, asked: snapshot.asked, created: last.created, event: snapshot.event, problem: fault.description)
        }
        snapshot.held = try past.heldCount(through: through)
        for id in accounts {
            switch try past.account(id, through: through) {
            case .success(let account): snapshot.accounts[id] = .some(account)
            case .failure(let fault): return untrusted(fault)
            }
        }
        var book = ScheduleBook()
        do throws(BankError) {
            try book.refresh(from: store, through: through)
        } catch {
            switch error {
            case .store(let error): throw error
            case .fault(let fault): return untrusted(fault)
            default: return TimeSnapshot(position: position, created: last.created, event: snapshot.event, problem: error.description)
            }
        }
        snapshot.scheduledCount = book.upcomingCount(at: last.created)
        if let ledgerOf {
            snapshot.schedules = book.all(at: last.created).filter { $0.from == ledgerOf }
            snapshot.ledgerOf = ledgerOf
            switch try past.ledger(ledgerOf, through: through, limit: ledgerLimit) {
            case .success(let lines): snapshot.ledger = lines
            case .failure(let fault): return untrusted(fault)
            }
        }
        return snapshot
    }
}

/// What the time machine has on screen, to read as of a point: the accounts listed and the
/// ledger of the one under the cursor.
struct TimeQuery: Sendable {
    var accounts: [AccountID]
    var ledgerOf: AccountID?
    var ledgerLimit: Int

    init(_ state: State) {
        let (shown, top, cursor, _) = state.timeAccounts(visible: state.timeAccountRows)
        accounts = shown.map(\.id)
        ledgerOf = shown.indices.contains(cursor - top) ? shown[cursor - top].id : nil
        ledgerLimit = max(1, state.size.height)
    }

    func read(at position: UInt64, later: Bool = false, in store: any EventStore) throws(EventStoreError) -> TimeSnapshot {
        try TimeSnapshot.read(at: position, later: later, accounts: accounts, ledgerOf: ledgerOf, ledgerLimit: ledgerLimit, in: store)
    }

    /// The bank just after the last event stored at or before `time`; nil when every event came later.
    func read(atTime time: Date, in store: any EventStore) throws(EventStoreError) -> TimeSnapshot? {
        guard let event = try PastBank(store: store).lastEvent(atOrBefore: time) else { return nil }
        var snapshot = try read(at: event.position, in: store)
        snapshot.forTime = time
        return snapshot
    }
}
