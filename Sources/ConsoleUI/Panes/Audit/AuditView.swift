import Core
import Foundation

/// Draws the audit trail: every operator action, newest first (when, who, role, action,
/// subject, reason, outcome), and where the selected one came from.
enum AuditView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        let audit = state.audit
        let inner = screen.box(area, title: title(state), glyphs: g)
        let rows = audit.rows
        // The header row above the entries; the selected entry's reason, outcome and origin below.
        let visible = max(1, inner.height - 3)
        let shown = Array(rows.dropFirst(audit.list.top).prefix(visible))
        let wide = inner.width >= 120
        let whenWidth = wide ? 19 : 8
        let whoWidth = Text.widest(shown.map(\.by), minimum: 3).clamped(3, 12)
        let actionWidth = Text.widest(shown.map(\.action.rawValue), minimum: 6).clamped(6, 16)
        let subjects = shown.map { subject($0.subject, g) }
        let subjectWidth = Text.widest(subjects, minimum: 7).clamped(7, 20)
        let fixed = 2 + whenWidth + 2 + whoWidth + 2 + 10 + 2 + actionWidth + 2 + subjectWidth + 2
        let rest = max(12, inner.width - fixed)
        let outcomeWidth = min(Text.widest(shown.map(\.outcome), minimum: 7), max(7, rest / 2))
        let reasonWidth = max(4, rest - outcomeWidth - 2)
        screen.put("  " + Text.left("WHEN", whenWidth) + "  " + Text.left("WHO", whoWidth) + "  " + Text.left("ROLE", 10) + "  "
                   + Text.left("ACTION", actionWidth) + "  " + Text.left("SUBJECT", subjectWidth) + "  " + Text.left("REASON", reasonWidth)
                   + "  OUTCOME", in: inner, row: 0, role: .header)
        guard !rows.isEmpty else {
            screen.put("  " + emptyText(audit), in: inner, row: 1, role: .dim, ascii: g.isASCII)
            return
        }
        for (offset, entry) in shown.enumerated() {
            let selected = audit.list.top + offset == audit.list.cursor
            let when = wide ? String(Text.timestamp(entry.at).prefix(19)) : Text.clock(entry.at)
            let line = (selected ? g.pointer : " ") + " " + Text.left(when, whenWidth) + "  "
                + Text.left(entry.by, whoWidth, ascii: g.isASCII) + "  " + Text.left(entry.origin?.role.rawValue ?? "?", 10) + "  "
                + Text.left(entry.action.rawValue, actionWidth) + "  " + Text.left(subjects[offset], subjectWidth, ascii: g.isASCII) + "  "
                + Text.left(entry.reason, reasonWidth, ascii: g.isASCII) + "  " + Text.fit(entry.outcome, outcomeWidth, ascii: g.isASCII)
            screen.put(line, in: inner, row: offset + 1, role: selected ? .selected : role(of: entry), ascii: g.isASCII)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + 1 + offset, width: inner.width, height: 1), role: .selected) }
        }
        if rows.indices.contains(audit.list.cursor) {
            let selected = rows[audit.list.cursor]
            let said = selected.reason.isEmpty ? "" : "\"\(selected.reason)\" \(g.arrow) "
            screen.put(" " + said + selected.outcome, in: inner, row: inner.height - 2, role: role(of: selected), ascii: g.isASCII)
            screen.put(" " + origin(selected, g), in: inner, row: inner.height - 1, role: .dim, ascii: g.isASCII)
        }
    }

    /// `Audit trail (100 read) · newest first`, with the filter, a read under way and news.
    private static func title(_ state: State) -> String {
        let audit = state.audit
        let b = state.glyphs.bullet
        var title = "Audit trail (\(Text.count(audit.rowCount)) read\(audit.moreBelow ? ", more below" : "")) \(b) newest first"
        let filter = audit.filter.trimmingCharacters(in: .whitespaces)
        if !filter.isEmpty { title += " \(b) matching \"\(filter)\"" }
        if audit.loading != nil { title += " \(b) reading\(state.glyphs.ellipsis)" }
        if audit.newer > 0 { title += " \(b) \(Text.count(audit.newer)) new: g reads them" }
        return title
    }

    private static func emptyText(_ audit: AuditState) -> String {
        if let error = audit.error { return "The audit trail could not be read: \(error)" }
        if audit.loading != nil || audit.moreBelow { return "Reading the audit trail…" }
        if !ListFilter.needle(audit.filter).isEmpty { return "No operator action matches the filter; Esc clears it." }
        return "No operator actions yet. Releases, rejections, blocks and every other operator action appear here."
    }

    /// A payment by its short id, an account by sort code and number, anything else by name.
    static func subject(_ subject: AuditEntry.Subject, _ g: Glyphs) -> String {
        switch subject {
        case .payment(let id): Text.shortID(id, ascii: g.isASCII)
        case .account(let id): "\(id.sortCode) \(id.accountNumber)"
        default: subject.text
        }
    }

    /// Rejections and closures in red, releases in green, the rest plain.
    private static func role(of entry: AuditEntry) -> Role {
        switch entry.action {
        case .release: .good
        case .reject, .close, .block: .bad
        case .approve: .warn
        default: .normal
        }
    }

    /// `alice (supervisor) from ops-1 as alice, pid 4242 · 2026-12-05 14:02:07.123 · position 1,234 ·
    /// payment 9f3a… · Enter: its timeline`: who and from where first, what it is about last.
    static func origin(_ entry: AuditEntry, _ g: Glyphs) -> String {
        let b = g.bullet
        var text = entry.by
        if let origin = entry.origin {
            text += " (\(origin.role)) from \(origin.host) as \(origin.osUser), pid \(origin.pid)"
        }
        text += " \(b) \(Text.timestamp(entry.at)) \(b) position \(Text.count(entry.position))"
        switch entry.subject {
        case .payment(let id): return text + " \(b) payment \(id.uuidString.lowercased()) \(b) Enter: its timeline"
        case .account(let id): return text + " \(b) account \(id) \(b) Enter: its ledger"
        case .operatorName(let name): return text + " \(b) operator \(name)"
        case .sanctionsEntry(let entry): return text + " \(b) sanctions entry \(entry)"
        case .setting(let name): return text + " \(b) setting \(name)"
        }
    }
}

private extension Int {
    func clamped(_ low: Int, _ high: Int) -> Int { Swift.max(low, Swift.min(high, self)) }
}
