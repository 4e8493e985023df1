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
            var page: [RecordedEvent]
            do {
                page = try store.read(.stream(stream), from: .version(next), direction: .forward, maxCount: 2_048)
            } catch {
                throw .store(error)
            }
            guard let lastRead = page.last else { break }
            let ended = to.map { to in page.contains { $0.created > to } } ?? false
            if let to { page = Array(page.prefix { $0.created <= to }) }
            // Decoding is most of the cost and each event decodes alone: on every core at once.
            for (recorded, decoded) in zip(page, decodeConcurrently(page)) {
                guard case .ledgerEntryPosted(let posted) = try decoded.get() else { continue }
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
            if ended { break }
            next = lastRead.version + 1
        }
        return statement
    }

    /// Each event decoded (or why it cannot be), in order, the work shared across the cores.
    static func decodeConcurrently(_ events: [RecordedEvent]) -> [Result<BankEvent, BankError>] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, events.count / 256))
        guard chunks > 1 else { return events.map { recorded in Result { () throws(BankError) in try decode(recorded) } } }
        let results = DecodedSlots(count: events.count)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (events.count * chunk / chunks)..<(events.count * (chunk + 1) / chunks)
            for index in range { results.set(index, Result { () throws(BankError) in try decode(events[index]) }) }
        }
        return results.values
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
        if recorded.type == LedgerEntryPosted.eventType, let posted = LedgerEntryBytes.decode(recorded.data) { return .ledgerEntryPosted(posted) }
        do {
            return try BankEvent.decode(recorded)
        } catch {
            throw .fault(EventFault(recorded, .undecodable(String(describing: error))))
        }
    }
}

/// One slot per event, each written by exactly one worker of `decodeConcurrently` (disjoint
/// ranges of one buffer allocated up front, so no write touches shared bookkeeping), read once
/// they have all finished.
private final class DecodedSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result<BankEvent, BankError>?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Result<BankEvent, BankError>) {
        slots[index] = value
    }

    /// Every slot's result; a slot never written (impossible: the ranges cover them all) reads
    /// as a fault rather than being skipped.
    var values: [Result<BankEvent, BankError>] {
        slots.map { $0 ?? .failure(.store(.io(path: "ledger statement", reason: "an event was not decoded"))) }
    }
}
