import Foundation

/// Draws one payment's timeline: every event in order, with what caused it.
enum TimelineView {
    static func render(_ timeline: PaymentTimeline, state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        let payment = state.bank.live.payments.payment(timeline.paymentID)
        var title = "Payment \(timeline.paymentID.uuidString.lowercased())"
        if let payment {
            let about = " \(g.bullet) \(payment.state.rawValue) \(g.bullet) \(State.describe(payment))"
            // The short id when the whole one would push the amount off the title.
            let id = title.count + about.count + 6 <= area.width ? title : "Payment \(Text.shortID(timeline.paymentID, ascii: g.isASCII))"
            title = id + about
        }
        let inner = screen.box(area, title: title, glyphs: g)
        if timeline.entries.isEmpty {
            screen.put("  reading events…", in: inner, row: 0, role: .dim)
            return
        }
        var lines: [(String, Role)] = []
        if let iso = payment?.iso {
            lines += Text.wrap("pacs.008 " + iso.line, width: inner.width).map { ($0, .dim) }
        }
        let ids = Dictionary(timeline.entries.map { ($0.id, $0.event.type) }, uniquingKeysWith: { first, _ in first })
        for (index, entry) in timeline.entries.enumerated() {
            let event = entry.event
            let time = inner.width >= 100 ? Text.timestamp(event.created) : Text.clock(event.created)
            let role: Role = event.type.contains("Failed") || event.type.contains("Returned") || event.type.contains("Rejected") ? .bad
                : event.type.contains("Held") ? .warn : event.type.contains("BalanceUpdated") || event.type.contains("Accepted") ? .good : .normal
            lines.append(("\(Text.right("\(index + 1)", 3)). \(time)  \(event.type)", role))
            var detail = "      pos \(Text.count(event.position))  \(event.stream)@\(event.version)"
            if let causation = entry.causationId {
                let cause = entry.causedBy ?? ids[causation]
                detail += "  \(g.arrow) caused by " + (cause ?? Text.shortID(causation, ascii: g.isASCII))
            }
            if let actor = entry.actor { detail += "  by \(actor)" }
            lines.append((detail, .dim))
            if !entry.summary.isEmpty {
                // Wrapped between fields, never cut: an amount in it shows whole.
                let spaced = entry.summary.replacingOccurrences(of: ",\"", with: ", \"")
                lines += Text.wrap("      " + spaced, width: inner.width).map { ($0, .normal) }
            }
        }
        for (row, line) in lines.dropFirst(state.flow.timelineScroll).prefix(inner.height).enumerated() {
            screen.put(line.0, in: inner, row: row, role: line.1, ascii: g.isASCII)
        }
    }
}
