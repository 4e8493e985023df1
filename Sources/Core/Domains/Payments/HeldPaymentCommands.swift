import Foundation
import Store

/// An operator's decision on a held payment.
public enum HeldPaymentCommand: String, Sendable, Hashable {
    case release, reject
}

/// Release and reject as pure functions of the payment's stream: only a held payment may be
/// decided, and a decision records who, when and why.
public enum HeldPaymentCommands {
    public static func decideInbound(_ command: HeldPaymentCommand, paymentId: UUID, state: InboundPaymentState, version: Int64?,
                                     decision: OperatorDecision) -> Result<Decision, BankError> {
        guard let step = state.step, let version else { return .failure(.unknownPayment(paymentId.lowercasedString)) }
        guard step == .held else {
            return .failure(.paymentNotHeld(paymentId: paymentId.lowercasedString, state: PaymentState(step).rawValue))
        }
        guard !decision.reason.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure(.reasonRequired) }
        let correlation = paymentId.lowercasedString
        let event: PendingEvent = switch command {
        case .release: PendingEvent(InboundHeldPaymentReleased(paymentId: paymentId, decision: decision), step: "release@\(version)", correlationId: correlation)
        case .reject: PendingEvent(InboundHeldPaymentRejected(paymentId: paymentId, decision: decision), step: "reject@\(version)", correlationId: correlation)
        }
        return .success(Decision(stream: .payment(.inbound, paymentId), expected: .exact(version), events: [event]))
    }

    public static func decideOutbound(_ command: HeldPaymentCommand, paymentId: UUID, state: OutboundPaymentState, version: Int64?,
                                      decision: OperatorDecision) -> Result<Decision, BankError> {
        guard let step = state.step, let version else { return .failure(.unknownPayment(paymentId.lowercasedString)) }
        guard step == .held else {
            return .failure(.paymentNotHeld(paymentId: paymentId.lowercasedString, state: PaymentState(step).rawValue))
        }
        guard !decision.reason.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure(.reasonRequired) }
        let correlation = paymentId.lowercasedString
        let event: PendingEvent = switch command {
        case .release: PendingEvent(OutboundHeldPaymentReleased(paymentId: paymentId, decision: decision), step: "release@\(version)", correlationId: correlation)
        case .reject: PendingEvent(OutboundHeldPaymentRejected(paymentId: paymentId, decision: decision), step: "reject@\(version)", correlationId: correlation)
        }
        return .success(Decision(stream: .payment(.outbound, paymentId), expected: .exact(version), events: [event]))
    }
}
