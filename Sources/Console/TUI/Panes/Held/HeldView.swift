import Core
import Foundation

/// Draws the held queue (oldest first) beside the selected payment's screening evidence.
enum HeldView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        let queue = state.heldQueue
        let leftWidth = max(40, area.width * 11 / 20)
        let (left, right) = area.splitLeft(leftWidth)
        let listArea = Rect(x: left.x, y: left.y, width: left.width + 1, height: left.height)
        let inner = screen.box(listArea, title: "Held payments (\(queue.count)) \(g.bullet) oldest first", glyphs: g)
        let evidenceInner = screen.box(right, title: "Evidence", glyphs: g)
        screen[right.x, right.y] = Cell(scalar: g.teeDown, role: .border)
        screen[right.x, right.maxY - 1] = Cell(scalar: g.teeUp, role: .border)
        guard !queue.isEmpty else {
            screen.put("  Nothing is held. Payments that match the sanctions list wait here.", in: inner, row: 1, role: .dim)
            return
        }
        let cursor = max(0, min(state.held.cursor, queue.count - 1))
        let visible = inner.height
        let top = max(0, cursor - visible + 1)
        for (offset, payment) in queue.dropFirst(top).prefix(visible).enumerated() {
            let index = top + offset
            let selected = index == cursor
            let age = payment.heldAt.map { Text.age(seconds: state.now.timeIntervalSince($0)) } ?? ""
            let amount = payment.amount?.text(ascii: g.isASCII) ?? payment.amountText
            let toName = payment.accountHolder ?? payment.to.name
            // The short id only when the names keep 20 columns (the evidence shows the id anyway).
            let showID = inner.width >= 52
            var line = (selected ? g.pointer : " ") + " " + Text.right(age, 6) + "  "
                + (showID ? Text.left(Text.shortID(payment.id, ascii: g.isASCII), 9) : "") + Text.right(amount, 11) + "  "
            // Both names always show (each cut to its share when the row is short); the
            // beneficiary's account too when there is room for it.
            let room = inner.width - line.unicodeScalars.count
            let arrow = " " + g.arrow + " "
            let account = "\(Text.sortCode(payment.to.sortCode)) \(payment.to.accountNumber) "
            if payment.from.name.count + arrow.count + account.count + toName.count <= room {
                line += payment.from.name + arrow + account + toName
            } else if payment.from.name.count + arrow.count + toName.count <= room {
                line += payment.from.name + arrow + toName
            } else {
                // The originator whole when the beneficiary keeps 8 columns, else half each.
                let whole = payment.from.name.count + arrow.count + 8 <= room
                let fromWidth = whole ? payment.from.name.count : max(4, (room - arrow.count) / 2)
                line += Text.fit(payment.from.name, fromWidth, ascii: g.isASCII) + arrow + Text.fit(toName, room - fromWidth - arrow.count, ascii: g.isASCII)
            }
            screen.put(line, in: inner, row: offset, role: selected ? .selected : .normal, ascii: g.isASCII)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: 1), role: .selected) }
        }
        evidence(queue[cursor], state, evidenceInner, &screen)
    }

    private static func evidence(_ payment: PaymentSummary, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        var lines: [(String, Role)] = []
        let screened: [(ScreeningMatch.Role, String, String)] = [
            (.originator, "originator", payment.from.name),
            (.beneficiary, "beneficiary", payment.to.name),
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
                    lines.append(("  score \(String(format: "%.2f", match.score))", .accent))
                }
            }
        }
        lines.append(("", .normal))
        let received = Text.clock(payment.received)
        lines.append(("received \(received) \(g.bullet) \(payment.scheme.rawValue.uppercased()) \(g.bullet) ref \"\(payment.reference)\"", .dim))
        lines.append(("amount \(payment.amount?.text(ascii: g.isASCII) ?? payment.amountText) to \(Text.sortCode(payment.to.sortCode)) \(payment.to.accountNumber)", .dim))
        lines.append(("id \(payment.id.uuidString.lowercased())", .dim))
        lines.append(("", .normal))
        lines.append(("a release   r reject   Enter timeline", .key))
        // Long evidence wraps (indented under its line) rather than losing its end.
        let wrapped = lines.flatMap { line in
            Text.wrap(line.0, width: inner.width - 1).map { ($0, line.1) }
        }
        for (row, line) in wrapped.prefix(inner.height).enumerated() {
            screen.put(" " + line.0, in: inner, row: row, role: line.1, ascii: g.isASCII)
        }
    }
}
