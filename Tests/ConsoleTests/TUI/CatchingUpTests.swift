import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// A console that opens behind the log says so, stays usable, and takes the bank's own views
/// when they are far ahead of its own.
@Suite struct CatchingUpTests {
    @Test func aConsoleBehindSaysSoAndTakesTheBanksViewsWhenTheyAreAhead() {
        let events = PaneBankFixture.events
        var state = State(size: Size(width: 160, height: 48), now: PaneBankFixture.now)
        _ = state.apply(.storeHeadRead(UInt64(events.count)))
        _ = state.apply(.eventsArrived(Array(events.prefix(100)), head: 100))
        #expect(state.catchingUp?.folded == 100)
        #expect(render(state).lines[0].contains("catching up 6% ● 1,402 behind"))
        // Still usable: keys move between panes while it catches up.
        _ = state.apply(.keyPressed(.char("2")))
        #expect(state.pane == .held)

        let bank = BankOverview.folding(events)
        _ = state.apply(.bankViewsAhead(bank))
        #expect(state.catchingUp == nil)
        #expect(state.bank.live == bank)
        #expect(!render(state).lines[0].contains("catching up"))
        // The events it had still to fold are passed over.
        _ = state.apply(.eventsArrived(Array(events[100..<200]), head: 200))
        #expect(state.bank.live == bank)
        // Views behind its own are never taken.
        _ = state.apply(.bankViewsAhead(BankOverview.folding(events.prefix(50))))
        #expect(state.bank.live == bank)
    }
}
