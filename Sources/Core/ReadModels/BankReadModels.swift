import Foundation
import Store

/// Every read model of the bank, folded together from the log (`$all`).
///
/// A pure fold over value types: `apply` decodes each bank event once and hands it to each
/// model; events that are not the bank's (system events, other streams, a bank event type on
/// a stream outside the bank's categories) and the events of streams the models do not read
/// (the schemes' messages, which the processors validate and park when they are poison; the
/// sanctions snapshots) only advance `position`. The same code serves the
/// live console, the command line and the time machine. Copies are cheap and share structure,
/// so keeping many of them (checkpoints) is affordable: a copy changed afterwards pays only for
/// the tree paths and entries it changes.
///
/// **It stops at an event it cannot trust.** A bank event that does not decode, a ledger entry
/// whose `balanceAfter` does not follow, the release of a payment that is not held: the fold
/// records `fault` (with the event's position and the reason) and applies nothing from there
/// on, so no balance or state past it is ever shown as true. Whoever shows the models must
/// check `fault` first.
public struct BankReadModels: Sendable, Equatable {
    /// Position, events applied, and the fault the fold stopped at.
    private var progress = FoldProgress()
    /// Global position of the last event applied (nil before any).
    public var position: UInt64? { progress.position }
    /// When the last event applied was stored.
    public var lastCreated: Date? { progress.lastCreated }
    /// Events applied.
    public var eventCount: Int { progress.eventCount }
    /// The event the fold stopped at, and why; nil while every event was sound.
    public var fault: EventFault? { progress.fault }

    /// Every payment, counts per state, the held queue.
    public private(set) var payments = PaymentFlow()
    /// Accounts with holder, status and balance; ledgers with running balances.
    public private(set) var accounts = Accounts()
    /// Accounts grouped by status (open, blocked, closed), from `accounts`. O(accounts).
    public var accountsByStatus: AccountsByStatus { AccountsByStatus(statuses: accounts.statuses) }
    /// The sanctioned-names list.
    public private(set) var sanctions = SanctionsListState()

    public init() {}

    /// Folds one event in. Events at or before `position` (a redelivery) are ignored, and so is
    /// everything once the fold has stopped at a fault.
    /// - Parameter known: the event already decoded (e.g. by the processor that wrote it), so
    ///   it is not decoded again.
    public mutating func apply(_ event: RecordedEvent, decoded known: BankEvent? = nil) {
        guard let decoded = progress.admit(event, decoded: known) else { return }
        // Checked before anything changes, so a fault leaves every model as it was.
        do throws(FaultReason) {
            try check(decoded)
        } catch {
            progress.stop(at: event, error)
            return
        }
        progress.advance(to: event)
        apply(decoded, event)
    }

    /// Whether `event` can follow what the models hold (the invariants of DOMAIN.md).
    private func check(_ event: BankEvent) throws(FaultReason) {
        switch event {
        case .ledgerEntryPosted(let entry):
            _ = try LedgerState.balance(after: entry, from: accounts.balance(entry.account))
        case .inboundHeldPaymentReleased(let e): try payments.checkHeld(e.paymentId, InboundHeldPaymentReleased.eventType)
        case .inboundHeldPaymentRejected(let e): try payments.checkHeld(e.paymentId, InboundHeldPaymentRejected.eventType)
        case .outboundHeldPaymentReleased(let e): try payments.checkHeld(e.paymentId, OutboundHeldPaymentReleased.eventType)
        case .outboundHeldPaymentRejected(let e): try payments.checkHeld(e.paymentId, OutboundHeldPaymentRejected.eventType)
        case .heldPaymentApproved(let e): try payments.checkHeld(e.paymentId, HeldPaymentApproved.eventType)
        default: break
        }
    }

    /// Folds an already decoded and checked event recorded as `recorded`.
    private mutating func apply(_ decoded: BankEvent, _ recorded: RecordedEvent) {
        switch decoded {
        case .accountOpened, .accountBlocked, .accountUnblocked, .accountClosed:
            accounts.apply(decoded, recorded)
        case .ledgerEntryPosted:
            accounts.apply(decoded, recorded)
        case .sanctionedNameAdded, .sanctionedNameRemoved:
            if recorded.stream == BankStream.sanctionedNames.name { sanctions.apply(decoded, version: recorded.version) }
        case .sanctionsListSnapshotTaken, .inboundPaymentSentByScheme, .outboundPaymentAcceptedByScheme, .outboundPaymentRejectedByScheme,
             .ledgerDebitRefused, .ledgerCreditRefused, .operatorAdded, .operatorRoleChanged, .operatorRemoved, .fourEyesThresholdSet,
             .screeningThresholdSet:
            break
        default:
            payments.apply(decoded, recorded)
        }
    }

    /// The fold as a function: `(State, RecordedEvent) -> State`.
    public static func fold(_ state: BankReadModels, _ event: RecordedEvent) -> BankReadModels {
        var next = state
        next.apply(event)
        return next
    }

    /// The read models of a sequence of events, from scratch.
    public static func folding<S: Sequence>(_ events: S) -> BankReadModels where S.Element == RecordedEvent {
        var state = BankReadModels()
        for event in events { state.apply(event) }
        return state
    }
}
