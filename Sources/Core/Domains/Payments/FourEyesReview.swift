import Foundation

/// What a release of a held payment needs under the four-eyes rule, decided from the payment's
/// amount, the approvals it already has and the threshold.
///
/// Below the threshold one operator releases. At or above it the first approval is recorded
/// and the payment stays held; the same operator approving again is refused; a different
/// operator's approval (a supervisor's) releases it. A rejection always takes one operator.
public enum FourEyesReview: Equatable, Sendable {
    /// One operator's release or rejection is enough.
    case single
    /// Record the first approval; the payment stays held.
    case firstApproval
    /// A second, different operator releases it.
    case secondApproval(first: String)

    /// What `by` releasing or rejecting needs, or why it is refused.
    public static func review(_ command: HeldPaymentCommand, amount: Money?, approvals: [OperatorDecision], threshold: Money,
                              by: String) -> Result<FourEyesReview, BankError> {
        guard command == .release, let amount, amount >= threshold else { return .success(.single) }
        guard let first = approvals.first else { return .success(.firstApproval) }
        if approvals.contains(where: { $0.by == by }) { return .failure(.alreadyApproved(by: by, threshold: threshold)) }
        return .success(.secondApproval(first: first.by))
    }

    /// The action whose role the operator needs.
    public func action(for command: HeldPaymentCommand) -> OperatorAction {
        switch (self, command) {
        case (.single, .release): .release
        case (.single, .reject): .reject
        case (.firstApproval, _): .firstApproval
        case (.secondApproval, _): .secondApproval
        }
    }

    /// The first approval of held payment `paymentId` on `stream`, at the payment's version.
    public static func approve(paymentId: UUID, on stream: BankStream, state: PaymentState?, version: Int64?,
                               decision: OperatorDecision) -> Result<Decision, BankError> {
        guard let state, let version else { return .failure(.unknownPayment(paymentId.lowercasedString)) }
        guard state == .held else { return .failure(.paymentNotHeld(paymentId: paymentId.lowercasedString, state: state.rawValue)) }
        guard !decision.reason.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure(.reasonRequired) }
        let approved = HeldPaymentApproved(paymentId: paymentId, decision: decision)
        return .success(Decision(stream: stream, expected: .exact(version),
                                 events: [PendingEvent(approved, step: "approve@\(version)", correlationId: paymentId.lowercasedString)]))
    }
}
