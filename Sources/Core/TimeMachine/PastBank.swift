import Foundation
import Store

/// The bank as of a point in the log, worked out from the store's indexes and streams for
/// what is on screen — never from a copy of the history kept in memory.
///
/// "As of position P" means after the event at P, that event included (what `balance --at`
/// means). Positions may have gaps: P need not hold an event, and nothing here assumes that
/// `P + 1` does. Costs, each a handful of index look-ups and reads, none growing with the log
/// (n: the entity's events):
/// - the event at or before P, or the last one stored by a time: O(1) and O(log head) reads;
/// - an account as of P: its `Accounts-` stream up to P, plus a binary search of its ledger
///   (O(log n) single-event reads) and the two entries there;
/// - an account's ledger as of P: the binary search, then `limit + 1` entries read backward;
/// - how many events of a type up to P (payments, accounts opened): a binary search of `$et-`;
/// - how many were held at P: binary searches of the hold and decision `$et-` indexes;
/// - the held queue as of P: the hold and decision events up to P (`$et-`), then each payment
///   still held folded from its stream.
///
/// Every balance it returns is checked to follow from the entry before it; what cannot be
/// trusted comes back as an `EventFault`, never as a number.
public struct PastBank: Sendable {
    public let store: any EventStore

    public init(store: any EventStore) { self.store = store }

    // MARK: - Where in the log

    /// The last event at or before `position`; nil when there is none.
    public func lastEvent(atOrBefore position: UInt64) throws(EventStoreError) -> RecordedEvent? {
        let head = store.headPosition
        guard head > 0 else { return nil }
        return try store.read(.all, from: .version(Int64(min(position, head - 1))), direction: .backward, maxCount: 1).first
    }

    /// The last event stored at or before `time`; nil when every event came later. O(log head) reads.
    public func lastEvent(atOrBefore time: Date) throws(EventStoreError) -> RecordedEvent? {
        // The first position whose event was stored after `time` is in [low, high].
        var low: UInt64 = 0, high = store.headPosition
        while low < high {
            let middle = low + (high - low) / 2
            guard let event = try store.read(.all, from: .version(Int64(middle)), direction: .forward, maxCount: 1).first else {
                high = middle
                continue
            }
            // No event lies in [middle, event.position): the answer is at most middle, or past the event.
            if event.created > time { high = middle } else { low = min(event.position + 1, high) }
        }
        return low == 0 ? nil : try lastEvent(atOrBefore: low - 1)
    }

    /// How many events of `type` are at or before `position`. O(log n) reads of its `$et-` index.
    public func count(of type: String, through position: UInt64) throws(EventStoreError) -> Int {
        let target = ReadTarget.eventType(type)
        let last: [RecordedEvent]
        do {
            last = try store.read(target, from: .end, direction: .backward, maxCount: 1)
        } catch .streamNotFound {
            return 0
        }
        guard let newest = last.first else { return 0 }
        let total = (newest.link?.version ?? -1) + 1
        // The first index entry after `position` is in [low, high].
        var low: Int64 = 0, high = total
        while low < high {
            let middle = low + (high - low) / 2
            guard let entry = try store.read(target, from: .version(middle), direction: .forward, maxCount: 1).first else {
                high = middle
                continue
            }
            if entry.position > position { high = middle } else { low = middle + 1 }
        }
        return Int(low)
    }

    /// The last version of `stream` whose event is at or before `position`; nil when none is.
    /// O(log n) single-event reads.
    func lastVersion(of stream: String, through position: UInt64) throws(EventStoreError) -> Int64? {
        guard let last = store.lastVersion(of: stream) else { return nil }
        var low: Int64 = 0, high = last + 1 // the first version after `position` is in [low, high]
        while low < high {
            let middle = low + (high - low) / 2
            if try store.event(stream: stream, version: middle).position > position { high = middle } else { low = middle + 1 }
        }
        return low == 0 ? nil : low - 1
    }

    // MARK: - Accounts

    /// The account as of `position` (nil when it was not opened by then), its balance from its
    /// last ledger entry by then, checked against the one before. `entries` counts the events
    /// of its ledger stream by then (postings and refused debits alike).
    public func account(_ id: AccountID, through position: UInt64) throws(EventStoreError) -> Result<AccountSummary?, EventFault> {
        let models = try EntityReads.account(id, in: store, through: position, ledger: false)
        if let fault = models.fault { return .failure(fault) }
        guard var summary = models.accounts.account(id) else { return .success(nil) }
        let stream = BankStream.ledger(id).name
        let last = try lastVersion(of: stream, through: position)
        switch try ledger(stream, from: last, limit: 1) {
        case .failure(let fault):
            return .failure(fault)
        case .success(let lines):
            if let line = lines.first {
                summary.balance = line.balance
                if line.created > summary.lastChanged { summary.lastChanged = line.created }
            }
            summary.entries = last.map { Int($0) + 1 } ?? 0
        }
        return .success(summary)
    }

    /// The account's latest `limit` ledger entries at or before `position`, newest first, each
    /// checked to follow from the one before it (the oldest from the entry before it, or zero).
    public func ledger(_ id: AccountID, through position: UInt64, limit: Int) throws(EventStoreError) -> Result<[LedgerLine], EventFault> {
        let stream = BankStream.ledger(id).name
        return try ledger(stream, from: try lastVersion(of: stream, through: position), limit: limit)
    }

    /// The latest `limit` entries of ledger `stream` from version `last` back (none when nil).
    private func ledger(_ stream: String, from last: Int64?, limit: Int) throws(EventStoreError) -> Result<[LedgerLine], EventFault> {
        guard limit > 0, var next = last else { return .success([]) }
        var entries: [(RecordedEvent, LedgerEntryPosted)] = []
        // One more than asked for, so the oldest shown is checked against the one before it.
        while entries.count <= limit {
            let page = try store.read(.stream(stream), from: .version(next), direction: .backward, maxCount: min(limit + 1, 512))
            for event in page where entries.count <= limit {
                do throws(BankEvent.DecodingFailure) {
                    if case .ledgerEntryPosted(let entry) = try BankEvent.decode(event) { entries.append((event, entry)) }
                } catch {
                    if case .malformed(_, let reason) = error { return .failure(EventFault(event, .undecodable(reason))) }
                }
            }
            guard let oldest = page.last, oldest.version > 0 else { break }
            next = oldest.version - 1
        }
        var lines: [LedgerLine] = []
        for (index, (event, entry)) in entries.prefix(limit).enumerated() {
            // Entries run out before `limit + 1` only at the start of the ledger.
            let previous = index + 1 < entries.count ? entries[index + 1].1.balanceAfter : Money.zero
            do throws(FaultReason) {
                let balance = try LedgerState.balance(after: entry, from: previous)
                lines.append(LedgerLine(position: event.position, version: event.version, created: event.created, amount: entry.amount,
                                        balance: balance, recordedBalance: entry.balanceAfter, kind: entry.kind,
                                        paymentId: entry.paymentId, description: entry.description))
            } catch {
                return .failure(EventFault(event, error))
            }
        }
        return .success(lines)
    }

    // MARK: - Payments

    /// Payments started at or before `position` (inbound received plus outbound requested).
    public func paymentCount(through position: UInt64) throws(EventStoreError) -> Int {
        try count(of: InboundPaymentReceived.eventType, through: position) + count(of: OutboundPaymentRequested.eventType, through: position)
    }

    /// How many payments were held at `position`: holds by then minus releases and rejections
    /// by then, from binary searches of their `$et-` indexes (O(log n) reads each). Each hold is
    /// decided at most once in a sound log (a decision of a payment not held is a fault the
    /// bank's fold stops at); `heldPayments(through:)` reads and checks the payments themselves.
    public func heldCount(through position: UInt64) throws(EventStoreError) -> Int {
        var held = 0
        for type in EntityReads.heldTypes { held += try count(of: type, through: position) }
        for type in EntityReads.decidedTypes { held -= try count(of: type, through: position) }
        return max(0, held)
    }

    /// The held queue as of `position`, oldest hold first: the payments with a hold and no
    /// release or rejection by then (`$et-` indexes), each folded from its stream up to `position`.
    public func heldPayments(through position: UInt64) throws(EventStoreError) -> Result<[PaymentSummary], EventFault> {
        var held: [String: UInt64] = [:]
        for type in EntityReads.heldTypes {
            try EntityReads.forEachEvent(of: .eventType(type), in: store, through: position) { event in
                held[event.stream] = min(held[event.stream] ?? .max, event.position)
            }
        }
        for type in EntityReads.decidedTypes {
            try EntityReads.forEachEvent(of: .eventType(type), in: store, through: position) { event in held[event.stream] = nil }
        }
        var result: [PaymentSummary] = []
        for (stream, _) in held.sorted(by: { $0.value < $1.value }) {
            guard case .payment(_, let id)? = BankStream(name: stream) else { continue }
            let models = EntityReads.folding([try EntityReads.events(of: stream, in: store, through: position)])
            if let fault = models.fault { return .failure(fault) }
            if let payment = models.payments.payment(id), payment.state == .held { result.append(payment) }
        }
        result.sort { ($0.heldPosition ?? 0) < ($1.heldPosition ?? 0) }
        return .success(result)
    }
}
