import Core
import Foundation
import Testing
@testable import ConsoleUI

/// Issue 16 item 5: `/` filters every list pane, and says so where it does not apply.
@Suite struct ListFilterTests {
    @Test func typingANameAfterSlashOnAccountsFiltersInsteadOfOpeningALedger() throws {
        let state = PaneBankFixture.state(pane: .accounts)
        let wanted = try #require(state.bank.live.accounts.every.first { $0.holder.hasPrefix("Wen") })
        let typed = run(state, keys("/wen"))
        #expect(typed.0.accounts.ledger == nil)
        #expect(typed.0.accounts.filter == "wen")
        let listing = typed.0.accountsListing(0..<100)
        #expect(!listing.rows.isEmpty)
        #expect(listing.rows.allSatisfy { $0.holder.lowercased().contains("wen") })
        let opened = run(typed.0, [.keyPressed(.enter), .keyPressed(.enter)]).0
        #expect(opened.accounts.ledger == wanted.id)
    }

    @Test func theAccountsFilterShowsOnScreenAndEscClearsIt() {
        let state = run(PaneBankFixture.state(pane: .accounts), keys("/nakamura") + [.keyPressed(.enter)]).0
        let lines = render(state).lines
        #expect(lines[1].contains("Accounts (4 of 30 matching \"nakamura\")"))
        #expect(lines[3].contains("Nakamura"))
        let cleared = update(state, .keyPressed(.escape)).0
        #expect(cleared.accounts.filter == "")
        #expect(cleared.accountsListing(0..<0).count == 30)
    }

    @Test func theHeldFilterNarrowsTheQueueAndActionsTakeTheFilteredRow() throws {
        let state = LargeMoneyFixture.state(width: 80, height: 24, pane: .held)
        let none = run(state, keys("/nobody") + [.keyPressed(.enter)]).0
        #expect(none.heldRows.isEmpty)
        #expect(render(none).lines[3].contains("None match the filter; Esc clears it."))
        #expect(update(none, .keyPressed(.char("a"))).0.toasts.map(\.text) == ["no held payment selected"])
        let some = run(state, keys("/badman") + [.keyPressed(.enter)]).0
        #expect(some.heldRows.map(\.id) == [LargeMoneyFixture.heldPayment])
        #expect(render(some).lines[1].contains("Held payments (1 of 1 matching \"badman\")"))
    }

    @Test func theSubscriptionsFilterNarrowsGroupsAndProjections() {
        var state = PaneBankFixture.state(width: 160, height: 48, pane: .subscriptions)
        state = update(state, .subscriptionsLoaded(PaneBankFixture.subscriptions)).0
        let filtered = run(state, keys("/fraud") + [.keyPressed(.enter)]).0
        #expect(filtered.subscriptionGroupRows.isEmpty)
        #expect(filtered.projectionRows.map(\.name) == ["fraud-analysis"])
        let text = render(filtered).lines.joined(separator: "\n")
        #expect(text.contains("Projections (1 of 2 matching \"fraud\")"))
        #expect(text.contains("Persistent subscriptions (0 of 2 matching \"fraud\")"))
        // Esc in the prompt cancels the filter.
        let cancelled = run(state, keys("/fraud") + [.keyPressed(.escape)]).0
        #expect(cancelled.projectionRows.count == 2)
    }

    @Test func slashInTheTimeMachineSaysItDoesNotFilterThere() {
        let (state, effects) = update(PaneBankFixture.state(pane: .timeMachine), .keyPressed(.char("/")))
        #expect(effects == [])
        #expect(state.overlay == nil)
        #expect(state.toasts.map(\.text) == ["/ does not filter here: g goes to a position or a time"])
    }

    @Test func theHelpSaysWhereSlashFilters() {
        let everywhere = HelpOverlay.sections.first { $0.0 == "Everywhere" }?.1 ?? []
        #expect(everywhere.contains { $0.0 == "/" && $0.1 == "filter the list (Flow, Held, Accounts, Streams, Subs, Audit; not Time)" })
    }
}
