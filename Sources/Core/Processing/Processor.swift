import Foundation
import Store

/// A processor of one domain: it reads one event and decides the next to append.
///
/// `decide` loads the state it needs (through `BankViews`, always current) and calls its
/// domain's pure decider; the runner appends the decision with derived ids and metadata.
public protocol Processor: Sendable {
    /// Who it writes as; the writer refuses streams of other domains.
    var identity: WriterIdentity { get }
    /// The event types it consumes (one persistent-subscription group each, on `$et-{type}`).
    var inputTypes: [String] { get }
    /// What to append for `input`, or nil when there is nothing (left) to do.
    func decide(_ input: RecordedEvent, _ event: BankEvent) throws(ViewError) -> Decision?
    /// The stream `input` will make it write, when known cheaply: inputs with the same key are
    /// handled one at a time in this process (an optimisation; correctness never depends on it).
    func serializationKey(_ event: BankEvent) -> BankStream?
    /// Whether to decode `input` at all (a cheap look at its bytes; false means nothing to do).
    func accepts(_ input: RecordedEvent) -> Bool
    /// The write side's views, told about each append so they need not read it back.
    var views: BankViews { get }
}

extension Processor {
    public func accepts(_ input: RecordedEvent) -> Bool { true }
}

/// A processor that can decide several inputs with one serialization key together, each on
/// top of what the earlier ones decided, so their events go to the stream in one append. A hot
/// stream (a busy account's ledger) then takes many steps per commit instead of one.
public protocol DecidingTogether: Processor {
    /// Element `i` answers input `i` as `decide` would, had the decisions before it already
    /// been appended: all on one stream, each expecting the version the one before leaves.
    func decide(together inputs: [(RecordedEvent, BankEvent)]) throws(ViewError) -> [Decision?]
}

/// Whether a `LedgerEntryPosted` has one of `kinds`: read from its decoded value when its
/// appender attached one (an event from the store's tail in this process), else looked for in
/// its JSON (sorted keys: `"kind":"…"`) without decoding it.
func ledgerEntry(_ input: RecordedEvent, hasKindIn kinds: [LedgerEntryKind]) -> Bool {
    guard input.type == LedgerEntryPosted.eventType else { return true }
    if let attached = input.attachment as? AttachedBankEvent, case .ledgerEntryPosted(let entry) = attached.event {
        return kinds.contains(entry.kind)
    }
    return kinds.contains { kind in kindPatterns[kind].map { contains(input.data, $0) } ?? false }
}

/// Whether `pattern` occurs in `data` (a plain byte search: `Data.range(of:)` is much slower).
private func contains(_ data: Data, _ pattern: [UInt8]) -> Bool {
    guard let first = pattern.first, data.count >= pattern.count else { return false }
    return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
        let last = bytes.count - pattern.count
        var start = 0
        while start <= last {
            guard bytes[start] == first else {
                start += 1
                continue
            }
            var matched = 1
            while matched < pattern.count && bytes[start + matched] == pattern[matched] { matched += 1 }
            if matched == pattern.count { return true }
            start += 1
        }
        return false
    }
}

/// `"kind":"…"` per kind, built once.
private let kindPatterns: [LedgerEntryKind: [UInt8]] = Dictionary(uniqueKeysWithValues: [
    LedgerEntryKind.openingBalance, .inboundPayment, .outboundPayment, .reversal,
].map { ($0, Array("\"kind\":\"\($0.rawValue)\"".utf8)) })

/// Posts ledger entries for payments: `Ledger-*`.
public struct LedgerProcessor: DecidingTogether {
    public let identity = WriterIdentity(domain: .ledger, name: "ledger-postings")
    public let inputTypes = LedgerDecider.inputTypes
    public let views: BankViews

    public init(views: BankViews) { self.views = views }

    public func decide(_ input: RecordedEvent, _ event: BankEvent) throws(ViewError) -> Decision? {
        try decide(input, event) { account throws(ViewError) in try views.ledgerForAppend(account) }
    }

    /// Postings to one ledger decided in a row, each seeing the balance and postings the
    /// earlier ones leave.
    public func decide(together inputs: [(RecordedEvent, BankEvent)]) throws(ViewError) -> [Decision?] {
        var ledgers: [AccountID: StreamFoldCache<LedgerState>.Folded] = [:]
        var decisions: [Decision?] = []
        decisions.reserveCapacity(inputs.count)
        for (input, event) in inputs {
            var touched: AccountID?
            var fetched: StreamFoldCache<LedgerState>.Folded?
            let decision = try decide(input, event) { account throws(ViewError) in
                touched = account
                if let decided = ledgers[account] { return decided }
                let ledger = try views.ledgerForAppend(account)
                fetched = ledger
                return ledger
            }
            if let decision, let account = touched, var after = ledgers.removeValue(forKey: account) ?? fetched.take() {
                // Taken out of the chain's table first, so after the first step of a chain the
                // state is unique and a posting adds to its set in place, not to a copy.
                for pending in decision.events {
                    do {
                        try after.state.apply(pending.event)
                    } catch {
                        // The decider's own posting does not follow the ledger it decided on: a
                        // bug, reported at the input rather than acted on.
                        throw .fault(EventFault(position: input.position, stream: decision.stream.name, version: input.version,
                                                type: pending.type, reason: error))
                    }
                }
                after.version = (after.version ?? -1) + Int64(decision.events.count)
                ledgers[account] = after
            }
            decisions.append(decision)
        }
        return decisions
    }

    /// Decides one input, reading its account's ledger through `ledgerOf`.
    ///
    /// The payment is read as of the input at least: an input on the payment's stream is the
    /// step the posting answers, and a payment gone further only makes the posting one the
    /// ledger already holds (its postings and expected version refuse a second).
    private func decide(_ input: RecordedEvent, _ event: BankEvent,
                        ledgerOf: (AccountID) throws(ViewError) -> StreamFoldCache<LedgerState>.Folded) throws(ViewError) -> Decision? {
        guard let (direction, paymentId) = LedgerDecider.payment(of: event) else { return nil }
        var inbound = InboundPaymentState.none
        var outbound = OutboundPaymentState.none
        var account: AccountID?
        let stream = BankStream.payment(direction, paymentId).name
        switch direction {
        case .inbound:
            inbound = try payment(views.inbound, stream, input).state
            account = inbound.validated?.account
        case .outbound:
            outbound = try payment(views.outbound, stream, input).state
            account = outbound.requested?.from
        }
        guard let account else { return nil }
        let ledger = try ledgerOf(account)
        return LedgerDecider.decide(event, inbound: inbound, outbound: outbound,
                                    ledger: { _ in (ledger.state, ledger.version) })
    }

    /// The payment's fold: as of `input` when the input is on its stream, else current.
    private func payment<State>(_ memo: StreamFoldCache<State>, _ stream: String, _ input: RecordedEvent) throws(ViewError)
        -> StreamFoldCache<State>.Folded {
        input.stream == stream ? try memo.state(of: stream, atLeast: input.version) : try memo.state(of: stream)
    }

    /// The ledger the posting goes to (read from the payment's cached state).
    public func serializationKey(_ event: BankEvent) -> BankStream? {
        switch event {
        case .inboundPaymentAccountStatusChecked(let checked):
            return BankStream.ledger(checked.account)
        case .outboundPaymentAccountStatusChecked(let checked):
            return sourceLedger(of: checked.paymentId)
        case .outboundPaymentRejectedByScheme(let rejected):
            return sourceLedger(of: rejected.paymentId)
        default:
            return nil
        }
    }

    private func sourceLedger(of paymentId: UUID) -> BankStream? {
        do {
            let payment = try views.outbound.state(of: BankStream.payment(.outbound, paymentId).name).state
            return payment.requested.map { BankStream.ledger($0.from) }
        } catch {
            // Without a key the input is simply not serialised; `decide` reads again and reports the error.
            return nil
        }
    }
}

/// The outside scheme answering outbound payments: `Scheme-*`.
public struct SchemeAnswerProcessor: Processor {
    public let identity = WriterIdentity(domain: .scheme, name: "scheme-answers")
    public let inputTypes = SchemeAnswerDecider.inputTypes
    public let views: BankViews
    let rejectPercent: @Sendable () -> Int

    /// - Parameter rejectPercent: the share of outbound payments the scheme rejects (read per payment).
    public init(views: BankViews, rejectPercent: @escaping @Sendable () -> Int) {
        self.views = views
        self.rejectPercent = rejectPercent
    }

    public func decide(_ input: RecordedEvent, _ event: BankEvent) throws(ViewError) -> Decision? {
        guard case .outboundPaymentSentToScheme(let sent) = event else { return nil }
        let payment = try views.outbound.state(of: BankStream.payment(.outbound, sent.paymentId).name).state
        return SchemeAnswerDecider.decide(event, payment: payment, rejectPercent: rejectPercent())
    }

    public func serializationKey(_ event: BankEvent) -> BankStream? { nil }
}
