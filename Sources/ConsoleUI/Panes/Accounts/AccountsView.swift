import Core
import Foundation
import Store

/// Draws the accounts (holder, sort code, number, status, balance) or one account's ledger.
enum AccountsView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        if let id = state.accounts.ledger {
            do throws(EventStoreError) {
                if let account = try state.bank.live.accounts.account(id) {
                    return ledger(account, state.accounts.ledgerPage?.account == id ? state.accounts.ledgerPage : nil, state, area, &screen)
                }
            } catch {
                return unreadable(id, State.accountsUnreadable(error), state, area, &screen)
            }
        }
        list(state, area, &screen)
    }

    /// A ledger whose account's row cannot be read from the accounts list: the box, and why.
    private static func unreadable(_ id: AccountID, _ problem: String, _ state: State, _ area: Rect, _ screen: inout Screen) {
        let inner = screen.box(area, title: "Ledger \(id.sortCode) \(id.accountNumber)", glyphs: state.glyphs)
        screen.put("  " + problem, in: inner, row: 0, role: .bad, ascii: state.glyphs.isASCII)
    }

    private static func list(_ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let directory = state.bank.live.accounts
        // Only the rows on screen are read, from the list's pages (the box's inside, less a header).
        let listing = state.accountsListing(state.accounts.list.top..<state.accounts.list.top + max(0, area.height - 3))
        let filter = state.accounts.filter.trimmingCharacters(in: .whitespaces)
        let found = Text.count(listing.count) + (listing.counting ? "+" : "")
        let count = filter.isEmpty ? found : "\(found) of \(Text.count(directory.count)) matching \"\(filter)\"" + (listing.counting ? (g.isASCII ? ", counting..." : ", counting…") : "")
        let title = "Accounts (\(count)) \(g.bullet) open \(Text.count(directory.count(.open))) \(g.bullet) blocked \(Text.count(directory.count(.blocked))) \(g.bullet) closed \(Text.count(directory.count(.closed)))"
        let inner = screen.box(area, title: title, glyphs: g)
        let wide = inner.width >= 120
        let shown = listing.rows
        // BALANCE is as wide as the widest balance on screen; HOLDER gives way.
        let balanceWidth = Text.widest(shown.map { $0.balance.text(ascii: g.isASCII) }, minimum: 13)
        let holderWidth = max(8, min(wide ? 32 : 40, inner.width - (wide ? 67 : 41) - balanceWidth))
        var header = "  SORT CODE ACCOUNT   " + Text.left("HOLDER", holderWidth) + " STATUS  " + Text.right("BALANCE", balanceWidth + 1)
        if wide { header += "  ENTRIES  LAST CHANGE          REASON" }
        screen.put(header, in: inner, row: 0, role: .header)
        if let problem = listing.problem {
            screen.put("  " + problem, in: inner, row: 1, role: .bad)
            return
        }
        if listing.count == 0 {
            let empty = directory.count == 0 ? "(no accounts yet)"
                : listing.counting ? (g.isASCII ? "(looking for accounts that match the filter...)" : "(looking for accounts that match the filter…)") : "(no account matches the filter; Esc clears it)"
            screen.put("  " + empty, in: inner, row: 1, role: .dim)
            return
        }
        for (offset, account) in shown.enumerated() {
            let index = state.accounts.list.top + offset
            let selected = index == state.accounts.list.cursor
            let y = inner.y + 1 + offset
            var x = screen.put((selected ? g.pointer : " ") + " " + account.id.sortCode.description + "  " + account.id.accountNumber.description + "  ",
                               x: inner.x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(account.holder, holderWidth, ascii: g.isASCII) + " ", x: x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(account.status.rawValue, 8), x: x, y: y, role: account.status.role, limit: inner.maxX)
            x = screen.put(Text.right(account.balance.text(ascii: g.isASCII), balanceWidth + 1), x: x, y: y, role: account.balance.pence < 0 ? .bad : .normal, limit: inner.maxX)
            if wide {
                x = screen.put(Text.right(Text.count(account.entries), 9) + "  " + Text.left(Text.timestamp(account.lastChanged).prefix(19).description, 19) + "  ",
                               x: x, y: y, role: .dim, limit: inner.maxX)
                screen.put(account.statusReason ?? "", x: x, y: y, role: .dim, limit: inner.maxX)
            }
            if selected { screen.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
        }
    }

    private static func ledger(_ account: AccountSummary, _ page: LedgerPage?, _ state: State, _ area: Rect, _ screen: inout Screen) {
        let lines = page?.lines ?? []
        let g = state.glyphs
        // The balance before the holder: a long name gives way in the title, the balance never.
        let title = "Ledger \(account.id.sortCode) \(account.id.accountNumber) \(g.bullet) balance \(account.balance.text(ascii: g.isASCII)) \(g.bullet) \(account.status.rawValue) \(g.bullet) \(account.holder)"
        let inner = screen.box(area, title: title, glyphs: g)
        let wide = inner.width >= 120
        let newestFirst = Array(lines.reversed())
        // Scheduled payments still to come from this account, under the entries.
        let upcoming = state.bank.schedules.upcoming(from: account.id, at: state.now)
        let upcomingRows = upcoming.isEmpty ? 0 : min(upcoming.count, 3) + 1
        let shown = Array(newestFirst.dropFirst(state.accounts.ledgerScroll).prefix(max(0, inner.height - 2 - upcomingRows)))
        // AMOUNT and BALANCE as wide as the widest on screen; KIND gives way to them.
        let amountWidth = Text.widest(shown.map { $0.amount.text(ascii: g.isASCII) }, minimum: 12) + 1
        let balanceWidth = Text.widest(shown.map { $0.balance.text(ascii: g.isASCII) }, minimum: 13) + 2
        let whenWidth = wide ? 25 : 10
        let kindWidth = max(6, min(16, inner.width - 2 - whenWidth - 9 - 2 - amountWidth - balanceWidth - 2))
        screen.put("  " + Text.left("WHEN", whenWidth) + Text.right("POSITION", 9) + "  " + Text.left("KIND", kindWidth) + Text.right("AMOUNT", amountWidth)
                   + Text.right("BALANCE", balanceWidth) + "  DESCRIPTION", in: inner, row: 0, role: .header)
        let statusRow = account.status != .open && account.statusReason != nil
        if let reason = account.statusReason, account.status != .open {
            screen.put("  \(account.status.rawValue) by \(account.statusChangedBy ?? "?"): \(reason)", in: inner, row: inner.height - 1, role: account.status.role)
        }
        if upcomingRows > 0 {
            upcomingList(upcoming, rows: upcomingRows, above: inner.height - (statusRow ? 1 : 0), state, inner, &screen)
        }
        for (offset, line) in shown.enumerated() {
            let when = wide ? Text.timestamp(line.created) : Text.clock(line.created)
            let text = "  " + Text.left(when, whenWidth) + Text.right(Text.count(line.position), 9) + "  " + Text.left(Text.words(line.kind.rawValue), kindWidth, ascii: g.isASCII)
                + Text.right(line.amount.text(ascii: g.isASCII), amountWidth) + Text.right(line.balance.text(ascii: g.isASCII), balanceWidth) + "  " + line.description
            screen.put(text, in: inner, row: offset + 1, role: line.amount.pence < 0 ? .bad : .normal, ascii: g.isASCII)
        }
        if let problem = page?.problem {
            screen.put("  " + problem, in: inner, row: 1, role: .bad)
        } else if page == nil {
            screen.put("  reading the ledger…", in: inner, row: 1, role: .dim, ascii: g.isASCII)
        } else if lines.isEmpty {
            screen.put("  (no ledger entries)", in: inner, row: 1, role: .dim)
        }
    }

    /// `Upcoming (N)` and the soonest scheduled payments from the account, ending just above row `above`.
    private static func upcomingList(_ upcoming: [ScheduledPaymentSummary], rows: Int, above: Int, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let first = above - rows
        guard first >= 1 else { return }
        let more = upcoming.count > rows - 1 ? " \(g.bullet) \(upcoming.count - (rows - 1)) more: bank-console scheduled" : ""
        screen.put("  Upcoming (\(upcoming.count))" + more, in: inner, row: first, role: .header)
        let amounts = upcoming.prefix(rows - 1).map { Money(parsing: $0.amount)?.text(ascii: g.isASCII) ?? $0.amount }
        let amountWidth = Text.widest(amounts, minimum: 8)
        for (offset, (schedule, amount)) in zip(upcoming.prefix(rows - 1), amounts).enumerated() {
            let due = schedule.status == .due ? " due" : ""
            let text = "  " + (schedule.next?.description ?? "-") + due + "  " + Text.right(amount, amountWidth) + "  to " + schedule.to.name
                + "  " + schedule.repeatText + (schedule.reference.isEmpty ? "" : "  ref " + schedule.reference)
            screen.put(text, in: inner, row: first + 1 + offset, role: .accent, ascii: g.isASCII)
        }
    }
}
