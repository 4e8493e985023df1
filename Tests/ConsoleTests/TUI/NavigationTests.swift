import Core
import Foundation
import Testing
@testable import ConsoleUI

/// Issue 16 item 7: back means where you came from.
@Suite struct NavigationTests {
    @Test func escFromATimelineOpenedInHeldGoesBackToHeld() throws {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let opened = update(state, .keyPressed(.enter)).0
        #expect(opened.pane == .flow)
        #expect(opened.flow.timeline != nil)
        let back = update(opened, .keyPressed(.escape)).0
        #expect(back.pane == .held)
        #expect(back.flow.timeline == nil)
        #expect(back.backStack == [])
    }

    @Test func escFromATimelineOpenedInFlowStaysInFlow() {
        let state = PaneBankFixture.state(pane: .flow)
        let back = run(state, [.keyPressed(.enter), .keyPressed(.escape)]).0
        #expect(back.pane == .flow)
        #expect(back.flow.timeline == nil)
    }

    @Test func aTimelineOpenedFromTheCommandLineInAccountsGoesBackToAccounts() throws {
        let state = PaneBankFixture.state(pane: .accounts, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(state.heldQueue.first)
        let prefix = String(payment.id.uuidString.lowercased().prefix(8))
        let opened = run(state, [.keyPressed(.char(":"))] + keys("payment \(prefix)") + [.keyPressed(.enter)]).0
        #expect(opened.flow.timeline?.paymentID == payment.id)
        #expect(update(opened, .keyPressed(.escape)).0.pane == .accounts)
    }

    @Test func choosingAPaneDirectlyStartsAfresh() {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        // Timeline from Held, then Accounts and Flow by number: Esc closes the timeline and stays.
        let wandered = run(state, [.keyPressed(.enter), .keyPressed(.char("3")), .keyPressed(.char("1"))]).0
        #expect(wandered.backStack == [])
        let back = update(wandered, .keyPressed(.escape)).0
        #expect(back.pane == .flow)
        #expect(back.flow.timeline == nil)
    }
}
