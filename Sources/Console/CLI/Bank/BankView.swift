import Core
import Foundation
import Store

/// The read models the read-only bank commands show, read per entity from its own streams
/// (`EntityReads`): an account from its `Accounts-`/`Ledger-` streams, a payment from its
/// `Payments-…` stream. No command folds the whole log; the cost follows the entity's events.
enum BankView {
    /// Where to stop reading.
    enum Limit: Sendable, Equatable {
        /// Everything durable now.
        case head
        /// The state after the event at this global position, that event included.
        case position(UInt64)
        /// Events stored at or before this time.
        case time(Date)
    }

    /// The models, or a refusal (exit 3) naming the event they stopped at.
    static func trusted(_ models: BankReadModels) throws(CommandFailure) -> BankReadModels {
        if let fault = models.fault { throw faulted(fault) }
        return models
    }

    /// An event the read models cannot trust, as exit 3.
    static func faulted(_ fault: EventFault) -> CommandFailure {
        .corrupt("the bank's read models stopped: \(fault)")
    }

    /// The value, or exit 3 naming the event it stopped at.
    static func trusted<T>(_ result: Result<T, EventFault>) throws(CommandFailure) -> T {
        switch result {
        case .success(let value): return value
        case .failure(let fault): throw faulted(fault)
        }
    }

    /// One account's models (its two streams), trusted; a refusal when it was never opened.
    static func account(_ id: AccountID, in store: any EventStore) throws -> (summary: AccountSummary, models: BankReadModels) {
        let models = try trusted(try EntityReads.account(id, in: store))
        return (try account(id, in: models), models)
    }

    /// The account, or a refusal saying this bank has no such account.
    static func account(_ id: AccountID, in models: BankReadModels) throws(CommandFailure) -> AccountSummary {
        guard let account = models.accounts.account(id) else { throw .refused("no account \(id) at this bank") }
        return account
    }

    /// The last event of the log at or before `limit`: its position and when it was stored
    /// (nil when there is none). Positions need not be dense; times are taken to grow with
    /// positions (the store stamps each append with its clock), so a time is found by binary
    /// search over `$all`: O(log n) single-event reads.
    static func lastEvent(_ store: any EventStore, upTo limit: Limit) throws(EventStoreError) -> (position: UInt64, created: Date)? {
        let head = store.headPosition
        guard head > 0 else { return nil }
        switch limit {
        case .head:
            return try lastEvent(store, atOrBefore: head - 1)
        case .position(let position):
            return try lastEvent(store, atOrBefore: min(position, head - 1))
        case .time(let time):
            // The first position whose event was stored after `time`, in [low, high].
            var low: UInt64 = 0, high = head
            while low < high {
                let middle = low + (high - low) / 2
                guard let event = try store.read(.all, from: .version(Int64(middle)), direction: .forward, maxCount: 1).first else {
                    high = middle
                    continue
                }
                // No event lies in [middle, event.position): the answer is at most middle, or past the event.
                if event.created > time { high = middle } else { low = min(event.position + 1, high) }
            }
            return low == 0 ? nil : try lastEvent(store, atOrBefore: low - 1)
        }
    }

    private static func lastEvent(_ store: any EventStore, atOrBefore position: UInt64) throws(EventStoreError) -> (position: UInt64, created: Date)? {
        try store.read(.all, from: .version(Int64(position)), direction: .backward, maxCount: 1).first.map { ($0.position, $0.created) }
    }
}
