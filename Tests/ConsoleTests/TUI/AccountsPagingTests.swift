import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// The accounts pane on a list of thousands of accounts in many pages: it reads the rows on
/// screen from the list's pages, goes to the end at once, and filters across every page.
@Suite struct AccountsPagingTests {
    /// 1,100 accounts (SyntheticBankHistory's, opened in order with an opening balance), their
    /// list merged into pages every 100 changes.
    static func state() throws -> State {
        var history = SyntheticBankHistory(seed: 7)
        history.accounts = 1_100
        history.sanctionedEntries = 0
        let events = try history.generate(eventCount: 2_300)
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
        #expect(end.accounts.list.cursor == 1_099)
        let lines = render(end).lines
        #expect(lines[1] == "┌ Accounts (1,100) ● open 1,100 ● blocked 0 ● closed 0 ────────────────────────┐")
        // The last account of SyntheticBankHistory is 40-00-01 10001099, with the one before above it.
        #expect(lines[lines.count - 4] == "│  40-00-01  10001098  Farid Rasmussen          open        £32,340.69         │")
        #expect(lines[lines.count - 3] == "│▸ 40-00-01  10001099  Hamish Lindqvist         open        £46,251.33         │")
        let opened = update(end, .keyPressed(.enter))
        #expect(opened.0.accounts.ledger == AccountID(sortCode: "400001", accountNumber: "10001099"))
    }

    @Test func aFilterByNumberFindsTheOneAccountAcrossEveryPage() throws {
        let state = try Self.state()
        let filtered = run(state, keys("/10001034") + [.keyPressed(.enter)]).0
        #expect(filtered.accountsListing(0..<10).count == 1)
        let lines = render(filtered).lines
        #expect(lines[1].hasPrefix("┌ Accounts (1 of 1,100 matching \"10001034\") "))
        #expect(lines[3] == "│▸ 40-00-01  10001034  Ines Underwood           open        £45,262.87         │")
        let opened = update(filtered, .keyPressed(.enter))
        #expect(opened.0.accounts.ledger == AccountID(sortCode: "400001", accountNumber: "10001034"))
    }
}
