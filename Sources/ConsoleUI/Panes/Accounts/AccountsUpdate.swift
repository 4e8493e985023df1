import Core
import Foundation
import Store

extension State {
    /// Account rows that fit in the accounts pane.
    var accountsVisibleRows: Int { max(1, size.height - 5) }

    mutating func handleAccountsKey(_ key: Key) -> [Effect] {
        if let open = accounts.ledger {
            let lines = accounts.ledgerPage?.lines.count ?? 0
            switch key {
            case .escape, .left, .char("h"), .backspace:
                accounts.ledger = nil
                // A ledger opened from elsewhere (the audit trail) goes back there.
                if let origin = backStack.popLast(), origin != pane { return select(origin) }
            case .down, .char("j"): accounts.ledgerScroll = min(max(0, lines - 1), accounts.ledgerScroll + 1)
            case .up, .char("k"): accounts.ledgerScroll = max(0, accounts.ledgerScroll - 1)
            case .pageDown: accounts.ledgerScroll = min(max(0, lines - 1), accounts.ledgerScroll + accountsVisibleRows)
            case .pageUp: accounts.ledgerScroll = max(0, accounts.ledgerScroll - accountsVisibleRows)
            case .home: accounts.ledgerScroll = 0
            case .end: accounts.ledgerScroll = max(0, lines - 1)
            case .char("e"):
                toast("writing the statement of \(open)…", .info)
                return [.exportStatement(open)]
            case .char("b"), .char("u"), .char("x"):
                do throws(EventStoreError) {
                    if let account = try bank.live.accounts.account(open) { askAccountReason(key, account) }
                } catch {
                    return refuse(State.accountsUnreadable(error))
                }
            default: break
            }
            return []
        }
        if handleFilterKey(key, \.accounts.filter, prompt: "Filter accounts: holder, sort code, number or a status:",
                           purpose: .accountsFilter, cleared: { $0.accounts.list = ListPosition() }) { return [] }
        let count = accountsListing(0..<0).count
        if let index = accounts.list.target(of: key, count: count, page: accountsVisibleRows) {
            moveAccountsCursor(to: index, count: count)
            return []
        }
        switch key {
        case .enter, .right, .char("l"):
            guard let account = accountsRow(accounts.list.cursor) else { return [] }
            return openLedger(account.id)
        case .char("b"), .char("u"), .char("x"):
            guard let account = accountsRow(accounts.list.cursor) else { return [] }
            askAccountReason(key, account)
        default: break
        }
        return []
    }

    /// Opens an account's ledger; its lines are read from its stream.
    mutating func openLedger(_ id: AccountID) -> [Effect] {
        accounts.ledger = id
        accounts.ledgerScroll = 0
        accounts.ledgerPage = nil
        accounts.ledgerReading = true
        return [.loadLedger(id)]
    }

    mutating func ledgerLoaded(_ page: LedgerPage) {
        guard page.account == accounts.ledger else { return }
        accounts.ledgerPage = page
        accounts.ledgerReading = false
        accounts.ledgerScroll = min(accounts.ledgerScroll, max(0, page.lines.count - 1))
    }

    /// Reads the open ledger again when new events posted to it (one read at a time).
    mutating func ledgerEventsArrived(_ events: [RecordedEvent]) -> [Effect] {
        guard let open = accounts.ledger, !accounts.ledgerReading else { return [] }
        let stream = BankStream.ledger(open).name
        guard events.contains(where: { $0.stream == stream }) else { return [] }
        accounts.ledgerReading = true
        return [.loadLedger(open)]
    }

    private mutating func moveAccountsCursor(to index: Int, count: Int) {
        accounts.list.move(to: index, count: count, visible: accountsVisibleRows)
    }

    private mutating func askAccountReason(_ key: Key, _ account: AccountSummary) {
        let verb: AccountVerb = key == .char("b") ? .block : key == .char("u") ? .unblock : .close
        switch (verb, account.status) {
        case (_, .closed):
            toast("\(account.id) is closed", .failure)
            return
        case (.block, .blocked):
            toast("\(account.id) is already blocked", .failure)
            return
        case (.unblock, .open):
            toast("\(account.id) is not blocked", .failure)
            return
        default: break
        }
        overlay = .prompt(Prompt(
            label: "Reason to \(verb.rawValue) \(account.id) (\(account.holder)):", field: TextField(limit: 200),
            purpose: .accountReason(verb: verb, sortCode: account.id.sortCode.digits,
                                    accountNumber: account.id.accountNumber.digits, holder: account.holder)))
    }
}
