import Foundation
import Store

/// One account or one payment as the read models know it, folded from its own streams only
/// (found through the store's index), never from the whole log.
///
/// The fold is `BankReadModels`' own, applied to the entity's events in log order, so the
/// account or payment it yields, and the fault it stops at, are those a fold of the whole log
/// gives for that entity (an event elsewhere in the log is not looked at). Cost: an index
/// look-up per stream plus reading and decoding the entity's events; memory holds only those.
/// Not a bank-wide view: the held queue and the accounts list are `heldPayments` and
/// `listedAccount`, which read indexes and a few events per entity.
public enum EntityReads {
    /// Events fetched per read of a stream.
    static let pageSize = 4_096

    /// The events of `stream` at or before global position `position` (all when nil), oldest
    /// first; none when the stream does not exist.
    public static func events(of stream: String, in store: any EventStore, through position: UInt64? = nil) throws(EventStoreError) -> [RecordedEvent] {
        var result: [RecordedEvent] = []
        var next: Int64 = 0
        while true {
            let page: [RecordedEvent]
            do {
                page = try store.read(.stream(stream), from: .version(next), direction: .forward, maxCount: pageSize)
            } catch .streamNotFound {
                return result
            }
            for event in page {
                if let position, event.position > position { return result }
                result.append(event)
            }
            guard let last = page.last, page.count == pageSize else { return result }
            next = last.version + 1
        }
    }

    /// The read models of the events of several streams, folded in log order.
    public static func folding(_ streams: [[RecordedEvent]]) -> BankReadModels {
        BankReadModels.folding(streams.joined().sorted { $0.position < $1.position })
    }

    // MARK: - Accounts

    /// One account's read models: its `Accounts-` stream and (with `ledger`) its `Ledger-`
    /// stream folded, up to global position `position`, that event included (all when nil).
    /// `accounts.account(id)` is nil when it was not opened by then; check `fault` first.
    public static func account(_ id: AccountID, in store: any EventStore, through position: UInt64? = nil,
                               ledger: Bool = true) throws(EventStoreError) -> BankReadModels {
        var streams = [try events(of: BankStream.account(id).name, in: store, through: position)]
        if ledger { streams.append(try events(of: BankStream.ledger(id).name, in: store, through: position)) }
        return folding(streams)
    }

    /// An account for a listing: holder and status from its `Accounts-` stream, the balance its
    /// last ledger entry recorded (`balanceAfter`), checked to follow from the entry before it.
    /// Reads the account's few status events and the tail of its ledger, not the whole ledger,
    /// so a forged entry deeper in the ledger is found by `account(_:in:)`, not here.
    /// - Returns: nil when the account was never opened; `.failure` naming an event it cannot trust.
    public static func listedAccount(_ id: AccountID, in store: any EventStore) throws(EventStoreError) -> Result<AccountSummary, EventFault>? {
        let models = try account(id, in: store, ledger: false)
        if let fault = models.fault { return .failure(fault) }
        guard var summary = models.accounts.account(id) else { return nil }
        switch try ledgerTail(id, in: store) {
        case .failure(let fault): return .failure(fault)
        case .success(let balance): summary.balance = balance
        }
        return .success(summary)
    }

    /// The balance the account's last ledger entry recorded, having checked it follows from
    /// the entry before it (zero when there is none). Reads the ledger backward, a page at a time.
    static func ledgerTail(_ id: AccountID, in store: any EventStore) throws(EventStoreError) -> Result<Money, EventFault> {
        let stream = BankStream.ledger(id).name
        guard let lastVersion = store.lastVersion(of: stream) else { return .success(.zero) }
        var found: [(RecordedEvent, LedgerEntryPosted)] = []
        var next = lastVersion
        let page = 16
        while found.count < 2 && next >= 0 {
            let events: [RecordedEvent]
            do {
                events = try store.read(.stream(stream), from: .version(next), direction: .backward, maxCount: page)
            } catch .streamNotFound {
                break
            }
            for event in events where found.count < 2 {
                do throws(BankEvent.DecodingFailure) {
                    if case .ledgerEntryPosted(let entry) = try BankEvent.decode(event) { found.append((event, entry)) }
                } catch {
                    if case .malformed(_, let reason) = error { return .failure(EventFault(event, .undecodable(reason))) }
                }
            }
            guard let oldest = events.last, events.count == page else { break }
            next = oldest.version - 1
        }
        guard let (lastEvent, last) = found.first else { return .success(.zero) }
        let previous = found.count > 1 ? found[1].1.balanceAfter : .zero
        do throws(FaultReason) {
            return .success(try LedgerState.balance(after: last, from: previous))
        } catch {
            return .failure(EventFault(lastEvent, error))
        }
    }

    // MARK: - Payments

    /// One payment's read models and its events: its `Payments-{Inbound|Outbound}-{id}` stream
    /// folded. Nil when there is no such stream; `payments.payment(id)` is nil when the stream
    /// never started a payment. Check `fault` first.
    public static func payment(_ id: UUID, in store: any EventStore) throws(EventStoreError) -> (models: BankReadModels, events: [RecordedEvent])? {
        for direction in [PaymentDirection.inbound, .outbound] {
            let name = BankStream.payment(direction, id).name
            guard store.lastVersion(of: name) != nil else { continue }
            let events = try events(of: name, in: store)
            return (folding([events]), events)
        }
        return nil
    }

    /// The event types whose `$et-` indexes say which payments are held.
    static let heldTypes = [InboundPaymentHeld.eventType, OutboundPaymentHeld.eventType]
    static let decidedTypes = [InboundHeldPaymentReleased.eventType, InboundHeldPaymentRejected.eventType,
                               OutboundHeldPaymentReleased.eventType, OutboundHeldPaymentRejected.eventType]

    /// The held queue, oldest hold first: the payment streams with a hold and no release or
    /// rejection (from the `$et-` indexes of those events), each then folded from its own
    /// stream and kept when it is held. Cost: the hold and decision events of the whole log
    /// (their ids only) plus the streams of the payments still held.
    /// - Returns: `.failure` naming an event of a held payment's stream it cannot trust.
    public static func heldPayments(in store: any EventStore) throws(EventStoreError) -> Result<[PaymentSummary], EventFault> {
        var held: [String: UInt64] = [:]
        for type in heldTypes {
            try forEachEvent(of: .eventType(type), in: store) { event in held[event.stream] = min(held[event.stream] ?? .max, event.position) }
        }
        for type in decidedTypes {
            try forEachEvent(of: .eventType(type), in: store) { event in held[event.stream] = nil }
        }
        var result: [PaymentSummary] = []
        for (stream, _) in held.sorted(by: { $0.value < $1.value }) {
            guard case .payment(_, let id)? = BankStream(name: stream) else { continue }
            let models = folding([try events(of: stream, in: store)])
            if let fault = models.fault { return .failure(fault) }
            if let payment = models.payments.payment(id), payment.state == .held { result.append(payment) }
        }
        result.sort { ($0.heldPosition ?? 0) < ($1.heldPosition ?? 0) }
        return .success(result)
    }

    /// Calls `body` with each event of an index (those at or before global position `position`
    /// when given), reading a page at a time.
    static func forEachEvent(of target: ReadTarget, in store: any EventStore, through position: UInt64? = nil,
                             _ body: (RecordedEvent) -> Void) throws(EventStoreError) {
        var next: Int64 = 0
        while true {
            let page: [RecordedEvent]
            do {
                page = try store.read(target, from: .version(next), direction: .forward, maxCount: pageSize)
            } catch .streamNotFound {
                return
            }
            for event in page {
                if let position, event.position > position { return }
                body(event)
            }
            guard page.count == pageSize else { return }
            next += Int64(page.count)
        }
    }
}

extension EntityReads {
    /// A `PaymentLookup` on `store`: the payment folded from its own stream, from the events
    /// before the given position (either direction's stream; nil when it had not started).
    public static func paymentLookup(in store: any EventStore) -> PaymentLookup {
        { id, before in
            guard before > 0 else { return nil }
            for direction in [PaymentDirection.inbound, .outbound] {
                let name = BankStream.payment(direction, id).name
                guard store.lastVersion(of: name) != nil else { continue }
                let models = folding([try events(of: name, in: store, through: before - 1)])
                if let payment = models.payments.payment(id) { return payment }
            }
            return nil
        }
    }
}
