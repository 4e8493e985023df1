import Core
import Foundation

/// Draws the accounts (holder, sort code, number, status, balance) or one account's ledger.
enum AccountsView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        if let id = state.accounts.ledger, let account = state.bank.live.accounts.account(id) {
            ledger(account, state.bank.live.accounts.ledger(id), state, area, &screen)
        } else {
            list(state, area, &screen)
        }
    }

    private static func list(_ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let all = state.bank.live.accounts.all
        let byStatus = Dictionary(grouping: all, by: \.status).mapValues(\.count)
        let title = "Accounts (\(all.count)) \(g.bullet) open \(byStatus[.open] ?? 0) \(g.bullet) blocked \(byStatus[.blocked] ?? 0) \(g.bullet) closed \(byStatus[.closed] ?? 0)"
        let inner = screen.box(area, title: title, glyphs: g)
        let wide = inner.width >= 120
        let holderWidth = max(12, min(wide ? 32 : 40, inner.width - (wide ? 80 : 54)))
        var header = "  SORT CODE ACCOUNT   " + Text.left("HOLDER", holderWidth) + " STATUS        BALANCE"
        if wide { header += "  ENTRIES  LAST CHANGE          REASON" }
        screen.put(header, in: inner, row: 0, role: .header)
        if all.isEmpty {
            screen.put("  (no accounts yet)", in: inner, row: 1, role: .dim)
            return
        }
        for (offset, account) in all.dropFirst(state.accounts.top).prefix(inner.height - 1).enumerated() {
            let index = state.accounts.top + offset
            let selected = index == state.accounts.cursor
            let y = inner.y + 1 + offset
            var x = screen.put((selected ? g.pointer : " ") + " " + account.id.sortCode.description + "  " + account.id.accountNumber.description + "  ",
                               x: inner.x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(account.holder, holderWidth, ascii: g.isASCII) + " ", x: x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(account.status.rawValue, 8), x: x, y: y, role: account.status.role, limit: inner.maxX)
            x = screen.put(Text.right(account.balance.text(ascii: g.isASCII), 14), x: x, y: y, role: account.balance.pence < 0 ? .bad : .normal, limit: inner.maxX)
            if wide {
                x = screen.put(Text.right(Text.count(account.entries), 9) + "  " + Text.left(Text.timestamp(account.lastChanged).prefix(19).description, 19) + "  ",
                               x: x, y: y, role: .dim, limit: inner.maxX)
                screen.put(account.statusReason ?? "", x: x, y: y, role: .dim, limit: inner.maxX)
            }
            if selected { screen.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
        }
    }

    private static func ledger(_ account: AccountSummary, _ lines: [LedgerLine], _ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let title = "Ledger \(account.id.sortCode) \(account.id.accountNumber) \(g.bullet) \(account.holder) \(g.bullet) \(account.status.rawValue) \(g.bullet) balance \(account.balance.text(ascii: g.isASCII))"
        let inner = screen.box(area, title: title, glyphs: g)
        let wide = inner.width >= 120
        screen.put("  " + Text.left("WHEN", wide ? 25 : 10) + Text.right("POSITION", 9) + "  " + Text.left("KIND", 16) + Text.right("AMOUNT", 13) + Text.right("BALANCE", 15) + "  DESCRIPTION",
                   in: inner, row: 0, role: .header)
        if let reason = account.statusReason, account.status != .open {
            screen.put("  \(account.status.rawValue) by \(account.statusChangedBy ?? "?"): \(reason)", in: inner, row: inner.height - 1, role: account.status.role)
        }
        let newestFirst = Array(lines.reversed())
        for (offset, line) in newestFirst.dropFirst(state.accounts.ledgerScroll).prefix(inner.height - 2).enumerated() {
            let when = wide ? Text.timestamp(line.created) : Text.clock(line.created)
            let text = "  " + Text.left(when, wide ? 25 : 10) + Text.right(Text.count(line.position), 9) + "  " + Text.left(Text.words(line.kind.rawValue), 16)
                + Text.right(line.amount.text(ascii: g.isASCII), 13) + Text.right(line.balance.text(ascii: g.isASCII), 15) + "  " + line.description
            screen.put(text, in: inner, row: offset + 1, role: line.amount.pence < 0 ? .bad : .normal, ascii: g.isASCII)
        }
        if lines.isEmpty { screen.put("  (no ledger entries)", in: inner, row: 1, role: .dim) }
    }
}
