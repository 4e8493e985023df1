import Foundation
import Store

/// An account's statement for a period: the opening balance, each entry with its running
/// balance, and the closing balance, read from the account's ledger stream only.
///
/// The first entry of the period is found by binary search on the stream's timestamps, so a
/// month of a busy account costs that month's entries plus a logarithm of its history. Every
/// entry's recorded balance must follow from the one before (the opening balance is the
/// recorded balance of the last entry before the period); one that does not is a fault.
public struct LedgerStatement: Sendable, Hashable {
    public var account: AccountID
    public var from: Date?
    public var to: Date?
    public var opening: Money
    public var lines: [LedgerLine]
    public var closing: Money { lines.last?.balance ?? opening }

    /// The statement of `account` for entries stored in `from...to` (open-ended when nil).
    public static func read(_ account: AccountID, from: Date?, to: Date?, in store: any EventStore) throws(BankError) -> LedgerStatement {
        let stream = BankStream.ledger(account).name
        var statement = LedgerStatement(account: account, from: from, to: to, opening: .zero, lines: [])
        guard let last = store.lastVersion(of: stream) else { return statement }
        let first = try from.map { time throws(BankError) in try firstVersion(at: time, of: stream, last: last, in: store) } ?? 0
        if first > 0, let before = try entry(stream, version: first - 1, in: store) {
            statement.opening = before.balanceAfter
        }
        var running = statement.opening
        var next = first
        while next <= last {
            let page: [RecordedEvent]
            do {
                page = try store.read(.stream(stream), from: .version(next), direction: .forward, maxCount: 256)
            } catch {
                throw .store(error)
            }
            guard !page.isEmpty else { break }
            for recorded in page {
                if let to, recorded.created > to { return statement }
                guard case .ledgerEntryPosted(let posted) = try decode(recorded) else { continue }
                guard let balance = running.adding(posted.amount) else {
                    throw .fault(EventFault(recorded, .balanceOutOfRange(previous: running, amount: posted.amount)))
                }
                guard balance == posted.balanceAfter else {
                    throw .fault(EventFault(recorded, .balanceDoesNotFollow(previous: running, amount: posted.amount, recorded: posted.balanceAfter)))
                }
                running = balance
                statement.lines.append(LedgerLine(position: recorded.position, version: recorded.version, created: recorded.created,
                                                  amount: posted.amount, balance: balance, recordedBalance: posted.balanceAfter,
                                                  kind: posted.kind, paymentId: posted.paymentId, description: posted.description))
            }
            next = page[page.count - 1].version + 1
        }
        return statement
    }

    /// The first version of `stream` stored at or after `time` (`last + 1` when none is).
    static func firstVersion(at time: Date, of stream: String, last: Int64, in store: any EventStore) throws(BankError) -> Int64 {
        var low: Int64 = 0, high = last + 1
        while low < high {
            let middle = low + (high - low) / 2
            let event: RecordedEvent
            do {
                event = try store.event(stream: stream, version: middle)
            } catch {
                throw .store(error)
            }
            if event.created < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The last posting at or before `version` (refusals are skipped), with its record.
    private static func entry(_ stream: String, version: Int64, in store: any EventStore) throws(BankError) -> LedgerEntryPosted? {
        var next = version
        while next >= 0 {
            let page: [RecordedEvent]
            do {
                page = try store.read(.stream(stream), from: .version(next), direction: .backward, maxCount: 64)
            } catch {
                throw .store(error)
            }
            for recorded in page {
                if case .ledgerEntryPosted(let posted) = try decode(recorded) { return posted }
            }
            guard let oldest = page.last else { return nil }
            next = oldest.version - 1
        }
        return nil
    }

    private static func decode(_ recorded: RecordedEvent) throws(BankError) -> BankEvent {
        do {
            return try BankEvent.decode(recorded)
        } catch {
            throw .fault(EventFault(recorded, .undecodable(String(describing: error))))
        }
    }
}
