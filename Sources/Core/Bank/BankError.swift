import Foundation
import Store

/// Why the bank refused an operation. Refused operations write nothing.
public enum BankError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedSortCode(String)
    case malformedAccountNumber(String)
    case malformedAmount(String)
    /// A well-formed amount beyond `Money.max`, the most the bank holds.
    case amountOutOfRange(String)
    case malformedPaymentId(String)
    case unknownScheme(String)
    /// The beneficiary's account fails Vocalink's modulus check (the detail names the check).
    case failsModulusCheck(String)
    /// Not one of this bank's accounts.
    case unknownAccount(AccountID)
    case unknownPayment(String)
    /// Release/reject of a payment that is not waiting in the held queue.
    case paymentNotHeld(paymentId: String, state: String)
    /// Release, reject, block, unblock and close need a reason.
    case reasonRequired
    /// A name outside the limits (empty, too long, or characters the schemes refuse).
    case invalidName(String)
    /// A payment to an account whose holder's name has been forgotten (crypto-shredded) needs
    /// the beneficiary's name from whoever pays: the bank no longer knows it.
    case holderForgotten(AccountID)
    /// The account is already in that status, or closed for good.
    case accountStatusUnchanged(AccountID, AccountStatus)
    case accountClosed(AccountID)
    case alreadySanctioned(name: String, entryId: String)
    case notSanctioned(String)
    case seedFailed(String)
    /// The sanctions list's streams do not load (a malformed event or snapshot).
    case unreadableSanctionsList(String)
    /// The processors are not running, so a payment cannot reach an outcome.
    case processorsStopped
    case store(EventStoreError)
    /// An event the bank read cannot be trusted (it does not decode or breaks an invariant);
    /// the bank stops there rather than act on it.
    case fault(EventFault)
    /// An event the bank decided on does not encode (nothing was written).
    case unencodable(BankCodec.EncodingFailure)
    /// The payment did not come to rest (an end state or held) before the deadline.
    case notAtRest(paymentId: UUID, state: PaymentState, after: Duration)
    /// `name` is not one of the bank's operators.
    case notAnOperator(name: String, action: OperatorAction)
    /// `name`'s role does not cover `action`.
    case roleRequired(name: String, role: OperatorRole, action: OperatorAction)
    /// An operator name outside the limits.
    case invalidOperatorName(String)
    case unknownOperator(String)
    /// `operators add` for someone who already has that role.
    case operatorUnchanged(name: String, role: OperatorRole)
    /// Removing or demoting the last supervisor would leave nobody able to manage operators.
    case lastSupervisor(String)
    /// The same operator approving a payment at or above the four-eyes threshold twice.
    case alreadyApproved(by: String, threshold: Money)
    /// A scheduled payment refused (a date in the past, an unknown schedule, too late to cancel).
    case schedule(ScheduleRefusal)
    /// A screening hold threshold outside `BankSettings.screeningHoldRange`.
    case screeningThresholdOutOfRange(Int)

    public var description: String {
        switch self {
        case .malformedSortCode(let text): "malformed sort code \"\(text)\": expected 6 digits, e.g. 40-12-34"
        case .malformedAccountNumber(let text): "malformed account number \"\(text)\": expected 8 digits"
        case .malformedAmount(let text): "malformed amount \"\(text)\": expected a positive amount with at most 2 decimals, e.g. 12.34"
        case .amountOutOfRange(let text): "amount \(text) is beyond \(Money.max), the most an amount or a balance can be"
        case .malformedPaymentId(let text): "malformed payment id \"\(text)\": expected a UUID"
        case .unknownScheme(let text): "unknown scheme \"\(text)\": expected bacs, fps or chaps"
        case .failsModulusCheck(let detail): detail
        case .unknownAccount(let id): "no account \(id) at this bank"
        case .unknownPayment(let id): "no payment \(id)"
        case let .paymentNotHeld(id, state): "payment \(id) is not held (it is \(state))"
        case .reasonRequired: "a reason is required"
        case .invalidName(let reason): "invalid name: \(reason)"
        case .holderForgotten(let id): "the name of the holder of \(id) has been forgotten: give the beneficiary's name (--to-name)"
        case let .accountStatusUnchanged(id, status): "account \(id) is already \(status.rawValue)"
        case .accountClosed(let id): "account \(id) is closed"
        case let .alreadySanctioned(name, entryId): "\(name) is already on the sanctions list (\(entryId))"
        case .notSanctioned(let name): "\(name) is not on the sanctions list"
        case .seedFailed(let reason): "seeding failed: \(reason)"
        case .unreadableSanctionsList(let reason): "the sanctions list does not load: \(reason)"
        case .processorsStopped: "the processors are not running"
        case .store(let error): error.description
        case .fault(let fault): fault.description
        case .unencodable(let failure): failure.description
        case let .notAtRest(id, state, after):
            "the bank did not come to rest within \(after.components.seconds) s; payment \(id.lowercasedString) is in state \(state.rawValue)"
        case let .notAnOperator(name, action):
            "\(name) is not an operator of this bank, so cannot \(action.phrase) (needs \(action.requiredRole)); a supervisor adds them with `operators add \(name) --role \(action.requiredRole)`"
        case let .roleRequired(name, role, action):
            "\(name) is \(role.withArticle); to \(action.phrase) needs the \(action.requiredRole) role"
        case .invalidOperatorName(let reason): "invalid operator name: \(reason)"
        case .unknownOperator(let name): "\(name) is not an operator of this bank"
        case let .operatorUnchanged(name, role): "\(name) is already \(role.withArticle)"
        case .lastSupervisor(let name): "\(name) is the bank's last supervisor; add another supervisor first"
        case let .alreadyApproved(by, threshold):
            "\(by) has already approved this payment; at or above \(threshold) it needs a second, different operator"
        case .schedule(let refusal): refusal.description
        case .screeningThresholdOutOfRange(let score):
            "screening hold threshold \(score) is out of range: a score from \(BankSettings.screeningHoldRange.lowerBound) to \(BankSettings.screeningHoldRange.upperBound)"
        }
    }
}
