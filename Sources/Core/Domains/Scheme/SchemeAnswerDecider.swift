import Foundation
import Store

/// The outside scheme's answer to an outbound payment, decided deterministically from the
/// payment id: most are accepted, a share (`rejectPercent`) rejected with a reason.
///
/// Written on `Scheme-{scheme}` by the Scheme domain (the simulator stands in for it).
public enum SchemeAnswerDecider {
    public static let inputTypes = [OutboundPaymentSentToScheme.eventType]

    /// The reasons a scheme gives, picked by the payment id.
    public static let rejectionReasons = [
        "Beneficiary account closed", "Beneficiary account name mismatch", "Beneficiary bank unavailable",
    ]

    /// Whether the scheme rejects this payment: a stable function of its id and the share.
    public static func rejects(_ paymentId: UUID, rejectPercent: Int) -> Bool {
        Int(bucket(paymentId) % 100) < rejectPercent
    }

    public static func decide(_ input: BankEvent, payment: OutboundPaymentState, rejectPercent: Int) -> Decision? {
        guard case .outboundPaymentSentToScheme(let sent) = input, payment.step == .sent else { return nil }
        let correlation = sent.paymentId.lowercasedString
        if rejects(sent.paymentId, rejectPercent: rejectPercent) {
            let reason = rejectionReasons[Int(bucket(sent.paymentId) / 100 % UInt64(rejectionReasons.count))]
            return Decision(stream: .scheme(sent.scheme), expected: .any, events: [PendingEvent(
                OutboundPaymentRejectedByScheme(paymentId: sent.paymentId, scheme: sent.scheme, reason: reason),
                step: "scheme.answer", correlationId: correlation)])
        }
        return Decision(stream: .scheme(sent.scheme), expected: .any, events: [PendingEvent(
            OutboundPaymentAcceptedByScheme(paymentId: sent.paymentId, scheme: sent.scheme),
            step: "scheme.answer", correlationId: correlation)])
    }

    private static func bucket(_ id: UUID) -> UInt64 {
        let derived = DerivedEventID.make(from: id, step: "scheme.bucket").uuid
        return UInt64(derived.0) << 24 | UInt64(derived.1) << 16 | UInt64(derived.2) << 8 | UInt64(derived.3)
    }
}
