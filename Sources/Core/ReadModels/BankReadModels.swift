import Foundation
import Store

/// Every read model of the bank, folded together from the log (`$all`).
///
/// A pure fold over value types: `apply` decodes each bank event once and hands it to each
/// model; events that are not the bank's (system events, other streams) only advance
/// `position`. The same code serves the live console, the command line and the time machine.
/// Copies are cheap and share structure, so keeping many of them (checkpoints) is affordable:
/// a copy changed afterwards pays only for the tree paths and entries it changes.
public struct BankReadModels: Sendable, Equatable {
    /// Global position of the last event applied (nil before any).
    public private(set) var position: UInt64?
    /// When the last event applied was stored.
    public private(set) var lastCreated: Date?
    /// Events applied.
    public private(set) var eventCount = 0
    /// Bank events whose data did not decode (they are skipped, and counted here).
    public private(set) var malformedEvents = 0

    /// Every payment, counts per state, the held queue.
    public private(set) var payments = PaymentFlow()
    /// Accounts with holder, status and balance; ledgers with running balances.
    public private(set) var accounts = Accounts()
    /// Accounts grouped by status (open, blocked, closed), from `accounts`. O(accounts).
    public var accountsByStatus: AccountsByStatus { AccountsByStatus(statuses: accounts.statuses) }
    /// The sanctioned-names list.
    public private(set) var sanctions = SanctionsListState()

    public init() {}

    /// Folds one event in. Events at or before `position` (a redelivery) are ignored.
    /// - Parameter known: the event already decoded (e.g. by the processor that wrote it), so
    ///   it is not decoded again.
    public mutating func apply(_ event: RecordedEvent, decoded known: BankEvent? = nil) {
        if let position, event.position <= position { return }
        position = event.position
        lastCreated = event.created
        eventCount += 1
        if let known {
            apply(known, event)
            return
        }
        let decoded: BankEvent
        do {
            decoded = try BankEvent.decode(event)
        } catch .unknownType {
            return
        } catch {
            malformedEvents += 1
            return
        }
        apply(decoded, event)
    }

    /// Folds an already decoded event recorded as `recorded` (callers that decode once for
    /// several consumers). Does not check `position`.
    public mutating func apply(_ decoded: BankEvent, _ recorded: RecordedEvent) {
        position = recorded.position
        lastCreated = recorded.created
        switch decoded {
        case .accountOpened, .accountBlocked, .accountUnblocked, .accountClosed:
            accounts.apply(decoded, recorded)
        case .ledgerEntryPosted:
            accounts.apply(decoded, recorded)
        case .sanctionedNameAdded, .sanctionedNameRemoved:
            if recorded.stream == BankStream.sanctionedNames.name { sanctions.apply(decoded, version: recorded.version) }
        case .sanctionsListSnapshotTaken, .inboundPaymentSentByScheme, .outboundPaymentAcceptedByScheme, .outboundPaymentRejectedByScheme:
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
