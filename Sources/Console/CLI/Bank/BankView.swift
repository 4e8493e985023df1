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
        // The same search the console's time machine makes (Core's `PastBank`).
        let past = PastBank(store: store)
        let event: RecordedEvent? = switch limit {
        case .head: try past.lastEvent(atOrBefore: UInt64.max)
        case .position(let position): try past.lastEvent(atOrBefore: position)
        case .time(let time): try past.lastEvent(atOrBefore: time)
        }
        return event.map { ($0.position, $0.created) }
    }
}
