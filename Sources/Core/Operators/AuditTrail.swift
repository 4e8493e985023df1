import Foundation
import Store

/// The audit trail: every operator action, newest first, read from the events themselves
/// (they are the audit log) through the `$et-` index of each action's event type.
///
/// A page merges those indexes backwards from the end (or from before a position): its cost is
/// the entries it returns plus at most one index page per event type, at any history length.
public enum AuditTrail {
    /// Which actions a page keeps.
    public struct Filter: Sendable, Hashable {
        public var by: String?
        public var actions: Set<AuditEntry.Action>?
        public var since: Date?
        public var until: Date?

        public init(by: String? = nil, actions: Set<AuditEntry.Action>? = nil, since: Date? = nil, until: Date? = nil) {
            self.by = by
            self.actions = actions
            self.since = since
            self.until = until
        }

        func keeps(_ entry: AuditEntry) -> Bool {
            (by.map { $0 == entry.by } ?? true) && (actions.map { $0.contains(entry.action) } ?? true)
                && (until.map { entry.at <= $0 } ?? true)
        }
    }

    /// The event types operators' actions write (a console watches for them to know the trail grew).
    public static let types: [String] = [
        AccountBlocked.eventType, AccountUnblocked.eventType, AccountClosed.eventType,
        InboundHeldPaymentReleased.eventType, InboundHeldPaymentRejected.eventType,
        OutboundHeldPaymentReleased.eventType, OutboundHeldPaymentRejected.eventType, HeldPaymentApproved.eventType,
        OutboundPaymentRequested.eventType, SanctionedNameAdded.eventType, SanctionedNameRemoved.eventType,
        OperatorAdded.eventType, OperatorRoleChanged.eventType, OperatorRemoved.eventType, FourEyesThresholdSet.eventType,
        ScreeningThresholdSet.eventType,
        CustomerForgotten.eventType,
    ]

    /// Up to `limit` entries older than position `before` (nil: from the newest), newest first.
    public static func page(in store: any EventStore, before: UInt64? = nil, limit: Int,
                            filter: Filter = Filter()) throws(BankError) -> [AuditEntry] {
        var cursors = types.map { IndexCursor(type: $0, before: before) }
        var entries: [AuditEntry] = []
        while entries.count < limit {
            var newest: Int?
            for index in cursors.indices {
                guard let head = try cursors[index].head(in: store) else { continue }
                if newest.map({ head.position > cursors[$0].peeked!.position }) ?? true { newest = index }
            }
            guard let newest, let event = cursors[newest].pop() else { break }
            if let since = filter.since, event.created < since { break }
            guard let entry = try entry(for: event), filter.keeps(entry) else { continue }
            entries.append(entry)
        }
        return entries
    }

    /// The audit entry an event makes; nil for events no operator wrote (a processor's or the
    /// simulator's outbound payment, the seed's accounts).
    static func entry(for event: RecordedEvent) throws(BankError) -> AuditEntry? {
        let metadata = BankCodec.metadata(of: event)
        guard let actor = metadata?.actor, let range = actor.range(of: "/operator:") else { return nil }
        let by = String(actor[range.upperBound...])
        let decoded: BankEvent
        do {
            decoded = try BankEvent.decode(event)
        } catch {
            throw .fault(EventFault(event, .undecodable(String(describing: error))))
        }
        guard let what = describe(decoded) else { return nil }
        return AuditEntry(position: event.position, at: event.created, by: by, origin: metadata?.origin, action: what.action,
                          subject: what.subject, reason: what.reason, outcome: what.outcome)
    }

    private static func describe(_ event: BankEvent) -> (action: AuditEntry.Action, subject: AuditEntry.Subject, reason: String, outcome: String)? {
        switch event {
        case .accountBlocked(let e): (.block, .account(e.account), e.reason, "blocked")
        case .accountUnblocked(let e): (.unblock, .account(e.account), e.reason, "unblocked")
        case .accountClosed(let e): (.close, .account(e.account), e.reason, "closed")
        case .inboundHeldPaymentReleased(let e): (.release, .payment(e.paymentId), e.decision.reason, "released")
        case .outboundHeldPaymentReleased(let e): (.release, .payment(e.paymentId), e.decision.reason, "released")
        case .inboundHeldPaymentRejected(let e): (.reject, .payment(e.paymentId), e.decision.reason, "rejected")
        case .outboundHeldPaymentRejected(let e): (.reject, .payment(e.paymentId), e.decision.reason, "rejected")
        case .heldPaymentApproved(let e): (.approve, .payment(e.paymentId), e.decision.reason, "approved; needs a second operator")
        case .outboundPaymentRequested(let e): (.send, .payment(e.paymentId), e.reference, "sent \(e.amount) to \(e.to.sortCode) \(e.to.accountNumber)")
        case .sanctionedNameAdded(let e): (.sanctionsAdd, .sanctionsEntry(e.entry.entryId), "", "added \(e.entry.name)")
        case .sanctionedNameRemoved(let e): (.sanctionsRemove, .sanctionsEntry(e.entryId), "", "removed \(e.name)")
        case .operatorAdded(let e): (.operatorAdd, .operatorName(e.name), e.reason, "added as \(e.role)")
        case .operatorRoleChanged(let e): (.operatorRole, .operatorName(e.name), e.reason, "\(e.from) → \(e.to)")
        case .operatorRemoved(let e): (.operatorRemove, .operatorName(e.name), e.reason, "removed")
        case .fourEyesThresholdSet(let e): (.settings, .setting("four-eyes-above"), e.reason, "four-eyes-above \(e.amount.decimalString)")
        case .screeningThresholdSet(let e): (.settings, .setting("screening-hold-at"), e.reason, "screening-hold-at \(e.holdAt)")
        case .customerForgotten(let e): (.forget, .account(e.account), e.reason, "personal data forgotten")
        default: nil
        }
    }
}

/// Reads one `$et-` index backwards a page at a time.
struct IndexCursor {
    static let pageSize = 64
    let type: String
    /// Only events before this position.
    let before: UInt64?
    private var buffer: [RecordedEvent] = []
    /// The index entry to read from next; nil before the first read.
    private var next: Int64?
    private var exhausted = false

    init(type: String, before: UInt64?) {
        self.type = type
        self.before = before
    }

    /// The newest event not yet taken, without taking it (after `head`).
    var peeked: RecordedEvent? { buffer.last }

    /// Reads a page when the buffer is empty; the newest event not yet taken.
    mutating func head(in store: any EventStore) throws(BankError) -> RecordedEvent? {
        if next == nil, !exhausted, let before {
            // Start at the last entry before `before`: a binary search on the index, so a deep
            // page costs a logarithm of the index, not a walk back from its end.
            guard let start = try lastEntry(before: before, in: store) else {
                exhausted = true
                return nil
            }
            next = start
        }
        while buffer.isEmpty && !exhausted {
            let page: [RecordedEvent]
            do {
                page = try store.read(.eventType(type), from: next.map { .version($0) } ?? .end, direction: .backward,
                                      maxCount: Self.pageSize)
            } catch .streamNotFound {
                exhausted = true
                return nil
            } catch {
                throw .store(error)
            }
            if page.count < Self.pageSize { exhausted = true }
            if let oldest = page.last?.link?.version {
                next = oldest - 1
                if oldest == 0 { exhausted = true }
            } else {
                exhausted = true
            }
            // Oldest last in `page`; the buffer pops from its end, so newest goes last.
            buffer = page.reversed().filter { event in before.map { event.position < $0 } ?? true }
        }
        return buffer.last
    }

    /// The number of the index's last entry whose event is before `position`; nil when none is.
    private func lastEntry(before position: UInt64, in store: any EventStore) throws(BankError) -> Int64? {
        func entry(_ target: StreamPosition) throws(BankError) -> RecordedEvent? {
            do {
                return try store.read(.eventType(type), from: target, direction: .backward, maxCount: 1).first
            } catch .streamNotFound {
                return nil
            } catch {
                throw .store(error)
            }
        }
        guard let last = try entry(.end), let count = last.link.map({ $0.version + 1 }) else { return nil }
        // The first entry at or after `position`, by binary search; the one before it is the answer.
        var low: Int64 = 0, high = count
        while low < high {
            let middle = low + (high - low) / 2
            guard let event = try entry(.version(middle)) else { return nil }
            if event.position < position { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    mutating func pop() -> RecordedEvent? { buffer.popLast() }
}
