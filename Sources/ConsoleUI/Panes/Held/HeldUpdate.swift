import Core
import Foundation

extension State {
    /// Held payments, oldest hold first.
    var heldQueue: [PaymentSummary] { bank.live.payments.heldQueue }
    var heldCount: Int { bank.live.payments.count(of: .held) }
    /// The held queue as the pane lists it: after the `/` filter.
    var heldRows: [PaymentSummary] {
        let needle = ListFilter.needle(held.filter)
        return needle.isEmpty ? heldQueue : heldQueue.filter { ListFilter.matches($0, needle) }
    }

    mutating func handleHeldKey(_ key: Key) -> [Effect] {
        let queue = heldRows
        held.cursor = max(0, min(held.cursor, queue.count - 1))
        if handleFilterKey(key, \.held.filter, prompt: "Filter held payments: text in the id, names, reference or account:",
                           purpose: .heldFilter, cleared: { $0.held.cursor = 0 }) { return [] }
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

    /// `£52.10 to Leo Glass`; when the payment names its beneficiary otherwise than our
    /// account holder, both, labelled: `£52.10 to Leo Glass (account holder; the payment names "L Glass")`.
    static func describe(_ payment: PaymentSummary) -> String {
        let amount = payment.amount?.description ?? payment.amountText
        guard payment.direction == .inbound else {
            return "\(amount) to \(payment.to.name.isEmpty ? "?" : payment.to.name)"
        }
        let named = payment.to.name
        guard let holder = payment.accountHolder, !holder.isEmpty else {
            return "\(amount) to \(named.isEmpty ? "?" : named)"
        }
        if named.isEmpty || named.lowercased() == holder.lowercased() { return "\(amount) to \(holder)" }
        return "\(amount) to \(holder) (account holder; the payment names \"\(named)\")"
    }
}
