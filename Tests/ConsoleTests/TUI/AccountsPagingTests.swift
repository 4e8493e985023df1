import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// The accounts pane on a list of thousands of accounts in many pages: it reads the rows on
/// screen from the list's pages, goes to the end at once, and filters across every page.
@Suite struct AccountsPagingTests {
    /// 2,000 accounts (SyntheticBankHistory's, opened in order with an opening balance), their
    /// list merged into pages every 100 changes.
    static func state() throws -> State {
        var history = SyntheticBankHistory(seed: 7)
        history.accounts = 2_000
        history.sanctionedEntries = 0
        let events = try history.generate(eventCount: 4_000)
        var overview = BankOverview(window: 50, accounts: AccountDirectory(overlayLimit: 100))
        for event in events { try overview.apply(event) }
        var state = State(size: Size(width: 80, height: 24), glyphs: .unicode, now: events[events.count - 1].created)
        state.bank = BankFold(live: overview)
        state.pane = .accounts
        return state
    }

    @Test func endGoesToTheLastAccountAndTheListShowsTheRowsBeforeIt() throws {
        let state = try Self.state()
        let end = update(state, .keyPressed(.end)).0
        #expect(end.accounts.cursor == 1_999)
        let lines = render(end).lines
        #expect(lines[1] == "┌ Accounts (2000) ● open 2000 ● blocked 0 ● closed 0 ──────────────────────────┐")
        // The last account of SyntheticBankHistory is 40-00-01 10001999, with the one before above it.
        #expect(lines[lines.count - 4] == "│  40-00-01  10001998  Zofia Fairley            open        £27,506.04         │")
        #expect(lines[lines.count - 3] == "│▸ 40-00-01  10001999  Hamish Yilmaz            open        £36,270.08         │")
        let opened = update(end, .keyPressed(.enter))
        #expect(opened.0.accounts.ledger == AccountID(sortCode: "400001", accountNumber: "10001999"))
    }

    @Test func aFilterByNumberFindsTheOneAccountAcrossEveryPage() throws {
        let state = try Self.state()
        let filtered = run(state, keys("/10001234") + [.keyPressed(.enter)]).0
        #expect(filtered.accountsListing(0..<10).count == 1)
        let lines = render(filtered).lines
        #expect(lines[1].hasPrefix("┌ Accounts (1 of 2000 matching \"10001234\") "))
        #expect(lines[3] == "│▸ 40-00-01  10001234  Xavier Ekwueme           open        £33,933.36         │")
        let opened = update(filtered, .keyPressed(.enter))
        #expect(opened.0.accounts.ledger == AccountID(sortCode: "400001", accountNumber: "10001234"))
    }
}
