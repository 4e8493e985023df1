import Core
import Foundation

/// Draws the held queue (oldest first) beside the selected payment's screening evidence.
enum HeldView {
    /// Columns before the amount: pointer 2, age 6 + 2, short id 9.
    private static let beforeAmount = 19
    /// Columns the names keep when the evidence can spare them, and at the very least (the
    /// amount and the id never give way; the names, then the evidence, do).
    private static let namesComfortable = 16
    private static let namesMinimum = 6

    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        let queue = state.heldRows
        let cursor = max(0, min(state.held.cursor, queue.count - 1))
        // The rows on screen, so the amount column is as wide as the widest of them.
        let visibleRows = max(1, area.height - 2)
        let top = max(0, cursor - visibleRows + 1)
        let shown = Array(queue.dropFirst(top).prefix(visibleRows))
        let amountWidth = Text.widest(shown.map { amount($0, g) }, minimum: 6)
        // 4 more: two after the amount and the borders.
        let comfortable = min(max(40, area.width * 11 / 20, beforeAmount + amountWidth + namesComfortable + 4), area.width - 26)
        let leftWidth = max(comfortable, min(beforeAmount + amountWidth + namesMinimum + 4, area.width - 16))
        let (left, right) = area.splitLeft(leftWidth)
        let listArea = Rect(x: left.x, y: left.y, width: left.width + 1, height: left.height)
        let inner = screen.box(listArea, title: title(state, shown: queue.count), glyphs: g)
        let evidenceInner = screen.box(right, title: "Evidence", glyphs: g)
        screen[right.x, right.y] = Cell(scalar: g.teeDown, role: .border)
        screen[right.x, right.maxY - 1] = Cell(scalar: g.teeUp, role: .border)
        guard !queue.isEmpty else {
            let empty = state.heldQueue.isEmpty ? "  Nothing is held. Payments that match the sanctions list wait here."
                : "  None match the filter; Esc clears it."
            screen.put(empty, in: inner, row: 1, role: .dim)
            return
        }
        for (offset, payment) in shown.enumerated() {
            let selected = top + offset == cursor
            let age = payment.heldAt.map { Text.age(seconds: state.now.timeIntervalSince($0)) } ?? ""
            var line = (selected ? g.pointer : " ") + " " + Text.right(age, 6) + "  "
                + Text.left(Text.shortID(payment.id, ascii: g.isASCII), 9) + Text.right(amount(payment, g), amountWidth) + "  "
            line += names(payment, room: inner.width - line.unicodeScalars.count, g)
            screen.put(line, in: inner, row: offset, role: selected ? .selected : .normal, ascii: g.isASCII)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1), role: .selected) }
        }
        evidence(queue[cursor], state, evidenceInner, &screen)
    }

    /// `Held payments (3) · oldest first`, or `(1 of 3 matching "leo")` while filtered.
    private static func title(_ state: State, shown: Int) -> String {
        let filter = state.held.filter.trimmingCharacters(in: .whitespaces)
        let count = filter.isEmpty ? "\(shown)" : "\(shown) of \(state.heldQueue.count) matching \"\(filter)\""
        return "Held payments (\(count)) \(state.glyphs.bullet) oldest first"
    }

    private static func amount(_ payment: PaymentSummary, _ g: Glyphs) -> String {
        payment.amount?.text(ascii: g.isASCII) ?? payment.amountText
    }

    /// `Jon Dough → 40-12-34 87654321 Leo Glass`: the originator, then the beneficiary's account
    /// and name: for an inbound payment the account holder (the name the bank knows) and, when
    /// the payment names the beneficiary otherwise, that name in quotes; for an outbound one the
    /// payee the payment names (our account holder is the originator). Each part gives way, in
    /// that order, to fit `room`.
    static func names(_ payment: PaymentSummary, room: Int, _ g: Glyphs) -> String {
        let arrow = " " + g.arrow + " "
        let ours = payment.direction == .inbound ? payment.accountHolder : nil
        let holder = ours ?? payment.to.name
        let named = payment.to.name
        let differs = ours != nil && !named.isEmpty && named.lowercased() != holder.lowercased()
        let alias = differs ? " \"\(named)\"" : ""
        let account = "\(Text.sortCode(payment.to.sortCode)) \(payment.to.accountNumber) "
        let from = payment.from.name
        for candidate in [from + arrow + account + holder + alias, from + arrow + holder + alias, from + arrow + holder]
        where candidate.unicodeScalars.count <= room {
            return candidate
        }
        // The originator whole when the beneficiary keeps 8 columns, else half each.
        let whole = from.count + arrow.count + 8 <= room
        let fromWidth = whole ? from.count : max(4, (room - arrow.count) / 2)
        return Text.fit(from, fromWidth, ascii: g.isASCII) + arrow + Text.fit(holder, room - fromWidth - arrow.count, ascii: g.isASCII)
    }

    /// `approved by jo — needs a second operator` for a payment with a first approval (and why
    /// it was approved); nothing for one that needs only one operator.
    static func fourEyes(_ payment: PaymentSummary, _ state: State) -> [(String, Role)] {
        let dash = state.glyphs.isASCII ? "-" : "—"
        var lines: [(String, Role)] = []
        for approval in payment.approvals {
            lines.append(("approved by \(approval.by) \(dash) needs a second operator", .warn))
            lines.append(("  \(Text.clock(approval.at)) \"\(approval.reason)\"", .dim))
        }
        if !lines.isEmpty { lines.append(("", .normal)) }
        return lines
    }

    private static func evidence(_ payment: PaymentSummary, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        var lines: [(String, Role)] = fourEyes(payment, state)
        let screened: [(ScreeningMatch.Role, String, String)] = [
            (.originator, "originator", payment.from.name),
            (.beneficiary, "beneficiary on payment", payment.to.name),
            (.accountHolder, "account holder", payment.accountHolder ?? ""),
        ]
        for (role, label, name) in screened where !name.isEmpty {
            let matches = payment.evidence.filter { $0.role == role }
            if matches.isEmpty {
                lines.append(("\(label) \"\(name)\"  clear", .good))
            } else {
                lines.append(("\(label) \"\(name)\"", .warn))
                for match in matches {
                    let alias = match.matched == match.entryName ? "" : ", alias of \"\(match.entryName)\""
                    lines.append(("  \(g.isASCII ? "~" : "≈") \"\(match.matched)\" (list entry \(match.entryId)\(alias))", .normal))
                    let about = [match.entryKind, match.programs.flatMap { $0.isEmpty ? nil : $0.joined(separator: ", ") }].compactMap { $0 }
                    if !about.isEmpty { lines.append(("  \(about.joined(separator: " \(g.bullet) "))", .dim)) }
                    lines.append(("  score \(Int((match.score * 100).rounded()))", .accent))
                }
            }
        }
        lines.append(("", .normal))
        let received = Text.clock(payment.received)
        lines.append(("received \(received) \(g.bullet) \(payment.scheme.rawValue.uppercased()) \(g.bullet) ref \"\(payment.reference)\"", .dim))
        lines.append(("amount \(amount(payment, g)) to \(Text.sortCode(payment.to.sortCode)) \(payment.to.accountNumber)", .dim))
        lines.append(("id \(payment.id.uuidString.lowercased())", .dim))
        lines.append(("", .normal))
        lines.append(("a approve   r reject   Enter timeline   / filter", .key))
        // Long evidence wraps (indented under its line) rather than losing its end.
        let wrapped = lines.flatMap { line in
            Text.wrap(line.0, width: inner.width - 1).map { ($0, line.1) }
        }
        for (row, line) in wrapped.prefix(inner.height).enumerated() {
            screen.put(" " + line.0, in: inner, row: row, role: line.1, ascii: g.isASCII)
        }
    }
}
