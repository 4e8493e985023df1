import Core
import Foundation
import Store

/// The bank's read models folded from the log, for the read-only bank commands.
///
/// The same pure fold the console and the time machine use (`BankReadModels`), run over
/// `$all` in pages, so memory holds the models and one page, never the log.
enum BankView {
    /// Events fetched per read.
    static let pageSize = 4096

    /// Where to stop folding.
    enum Limit: Sendable, Equatable {
        /// Everything durable now.
        case head
        /// The first `n` events of the log (positions below `n`).
        case position(UInt64)
        /// Events stored at or before this time.
        case time(Date)
    }

    /// Folds the log up to `limit`; an event the read models cannot trust is exit 3, naming it.
    static func fold(_ store: any EventStore, upTo limit: Limit = .head) throws -> BankReadModels {
        try trusted(try folded(store, upTo: limit))
    }

    /// The models, or a refusal (exit 3) naming the event they stopped at.
    static func trusted(_ models: BankReadModels) throws(CommandFailure) -> BankReadModels {
        if let fault = models.fault { throw .corrupt("the bank's read models stopped: \(fault)") }
        return models
    }

    private static func folded(_ store: any EventStore, upTo limit: Limit) throws -> BankReadModels {
        var models = BankReadModels()
        var next: UInt64 = 0
        let end: UInt64 = if case .position(let position) = limit { min(position, store.headPosition) } else { store.headPosition }
        while next < end {
            let page = try store.read(.all, from: .version(Int64(next)), direction: .forward, maxCount: Int(min(UInt64(pageSize), end - next)))
            if page.isEmpty { break }
            for event in page {
                if case .time(let time) = limit, event.created > time { return models }
                models.apply(event)
            }
            next = page[page.count - 1].position + 1
        }
        return models
    }

    /// One pass over the log giving both the models as of `limit` and the current ones; an event
    /// the read models cannot trust, before or after `limit`, is exit 3.
    static func foldWithPast(_ store: any EventStore, at limit: Limit) throws -> (past: BankReadModels, current: BankReadModels) {
        var models = BankReadModels()
        var past: BankReadModels?
        var next: UInt64 = 0
        let end = store.headPosition
        if case .position(0) = limit { past = models }
        while next < end {
            let page = try store.read(.all, from: .version(Int64(next)), direction: .forward, maxCount: Int(min(UInt64(pageSize), end - next)))
            if page.isEmpty { break }
            for event in page {
                if past == nil {
                    switch limit {
                    case .head: break
                    case .position(let position): if event.position >= position { past = models }
                    case .time(let time): if event.created > time { past = models }
                    }
                }
                models.apply(event)
            }
            next = page[page.count - 1].position + 1
        }
        return (try trusted(past ?? models), try trusted(models))
    }

    /// The account, or a refusal saying this bank has no such account.
    static func account(_ id: AccountID, in models: BankReadModels) throws(CommandFailure) -> AccountSummary {
        guard let account = models.accounts.account(id) else { throw .refused("no account \(id) at this bank") }
        return account
    }
}
