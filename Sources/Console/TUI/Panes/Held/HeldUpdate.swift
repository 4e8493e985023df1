import Core
import Foundation

extension State {
    /// Held payments, oldest hold first.
    var heldQueue: [PaymentSummary] { bank.live.payments.heldQueue }
    var heldCount: Int { bank.live.payments.count(of: .held) }

    mutating func handleHeldKey(_ key: Key) -> [Effect] {
        let queue = heldQueue
        held.cursor = max(0, min(held.cursor, queue.count - 1))
        switch key {
        case .down, .char("j"): held.cursor = max(0, min(held.cursor + 1, queue.count - 1))
        case .up, .char("k"): held.cursor = max(0, held.cursor - 1)
        case .home, .char("g"): held.cursor = 0
        case .end, .char("G"): held.cursor = max(0, queue.count - 1)
        case .char("a"), .char("r"):
            guard queue.indices.contains(held.cursor) else { return refuse("no held payment selected") }
            let payment = queue[held.cursor]
            let summary = State.describe(payment)
            let id = payment.id.uuidString.lowercased()
            let releasing = key == .char("a")
            overlay = .prompt(Prompt(
                label: releasing ? "Reason for releasing \(summary):" : "Reason for rejecting \(summary):",
                field: TextField(limit: 200),
                purpose: releasing ? .releaseReason(paymentID: id, summary: summary) : .rejectReason(paymentID: id, summary: summary)))
        case .enter:
            guard queue.indices.contains(held.cursor) else { return [] }
            return openTimeline(queue[held.cursor])
        default: break
        }
        return []
    }

    /// `£52.10 to Leo Glass`.
    static func describe(_ payment: PaymentSummary) -> String {
        let amount = payment.amount?.description ?? payment.amountText
        let name = payment.direction == .inbound ? (payment.accountHolder ?? payment.to.name) : payment.to.name
        return "\(amount) \(payment.direction == .inbound ? "to" : "from") \(name.isEmpty ? "?" : name)"
    }
}
