import Core

/// Something the operator asked for that changes the bank, held until confirmed.
enum Action: Hashable, Sendable {
    case release(paymentID: String, reason: String)
    case reject(paymentID: String, reason: String)
    case block(sortCode: String, accountNumber: String, reason: String)
    case unblock(sortCode: String, accountNumber: String, reason: String)
    case close(sortCode: String, accountNumber: String, reason: String)
    case replayParked(group: String, source: String)
    case resetProjection(name: String)
    /// Check the projection-language program in the file at `path` and record it as `name`.
    case createProjection(name: String, path: String)
    /// Send a simulated inbound payment from the scheme.
    case pay(InboundPaymentRequest)
    case quit
}

/// A yes/no question before an action. `y` confirms, `n`/Esc cancel, Enter takes the focused
/// button, which starts on Cancel so a stray Enter never does anything.
struct Confirmation: Hashable, Sendable {
    var question: String
    var confirmLabel: String
    var action: Action
    var focusOnConfirm = false
}

/// A text prompt that leads to an action: Enter submits, Esc cancels.
struct Prompt: Hashable, Sendable {
    enum Purpose: Hashable, Sendable {
        case releaseReason(paymentID: String, summary: String)
        case rejectReason(paymentID: String, summary: String)
        case accountReason(verb: AccountVerb, sortCode: String, accountNumber: String, holder: String)
        case streamFilter
        case flowFilter
        case heldFilter
        case accountsFilter
        case subscriptionsFilter
        /// `FILE [NAME]`: a projection-language program to create.
        case projectionFile
        case auditFilter
        case timeMachineGoTo
    }

    var label: String
    var field: TextField
    var purpose: Purpose
    /// Shown under the field after a refused submit (e.g. "a reason is required").
    var error: String?
}

/// What the Accounts pane can do to an account.
enum AccountVerb: String, Hashable, Sendable {
    case block, unblock, close
}
