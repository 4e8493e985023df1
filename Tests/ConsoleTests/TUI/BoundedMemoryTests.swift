import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// However long the console runs, what it holds stays within fixed limits: its views hold the
/// accounts, the payments open and a window, never the log; the inbox holds at most its
/// capacity (the feed waits).
@Suite struct BoundedMemoryTests {
    @Test func aLongStreamOfEventsKeepsTheConsolesViewsWithinTheirLimits() throws {
        var history = SyntheticBankHistory(seed: 61)
        history.accounts = 40
        let events = try history.generate(eventCount: 24_000)
        var state = State(size: Size(width: 120, height: 40), now: PaneBankFixture.now)
        state.bank = BankFold(live: BankOverview(window: 200))
        var largest = 0
        for start in stride(from: 0, to: events.count, by: 500) {
            let chunk = Array(events[start..<min(start + 500, events.count)])
            _ = state.apply(.eventsArrived(chunk, head: chunk[chunk.count - 1].position + 1))
            _ = state.apply(.tick(chunk[chunk.count - 1].created))
            largest = max(largest, state.bank.live.payments.footprint)
        }
        let payments = state.bank.live.payments
        #expect(state.bank.live.eventCount == events.count)
        #expect(payments.count > 3_000, "many more payments than the window went by")
        #expect(payments.windowCount == 200)
        #expect(payments.openCount < 50)
        #expect(largest <= 2 * 200 + 200 + 50, "ids kept for the window's order, the window and the open payments")
        #expect(state.bank.live.accounts.count == 40)
        #expect(state.eventRate.buckets.count <= state.eventRate.window)
        #expect(state.bank.finishedRate.buckets.count <= state.bank.finishedRate.window)
        #expect(state.toasts.isEmpty)
    }

    @Test func theAccountsListKeepsAtMostItsOverlayLimitOfChangedRowsAndListsWhatAWholeFoldLists() throws {
        var history = SyntheticBankHistory(seed: 62)
        history.accounts = 300
        let events = try history.generate(eventCount: 12_000)
        var state = State(size: Size(width: 120, height: 40), now: PaneBankFixture.now)
        state.bank = BankFold(live: BankOverview(window: 200, accounts: AccountDirectory(overlayLimit: 64)))
        var largest = 0
        for start in stride(from: 0, to: events.count, by: 250) {
            let chunk = Array(events[start..<min(start + 250, events.count)])
            _ = state.apply(.eventsArrived(chunk, head: chunk[chunk.count - 1].position + 1))
            largest = max(largest, state.bank.live.accounts.footprint.overlayRows)
        }
        let whole = BankOverview.folding(events, window: 200)
        #expect(state.bank.failure == nil)
        #expect(state.bank.live.accounts.count == 300)
        #expect(largest <= 64, "rows changed since their page was written, merged into pages past the limit")
        #expect(state.bank.live.accounts == whole.accounts, "every account with the status and balance a whole fold gives")
    }

    @Test func theLiveFeedWaitsWhileTheInboxIsFull() async throws {
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        for n in 0..<6_000 {
            _ = try await store.append(to: "S-\(n % 7)", expected: .any, events: [EventData(type: "Something", data: Data("{}".utf8))])
        }
        let inbox = Inbox(eventCapacity: 300)
        let feed = Task.detached { await LiveFeed.run(store: store, after: 999, inbox: inbox) }
        // Nobody drains yet: the feed fills the inbox, then waits.
        while inbox.pendingEvents < 300 { await Task.yield() }
        var delivered: [UInt64] = []
        var mostWaiting = 0
        while delivered.count < 5_000 {
            mostWaiting = max(mostWaiting, inbox.pendingEvents)
            let drained = inbox.drain(maxMessages: 0, maxEvents: 97)
            for case .eventsArrived(let events, _) in drained { delivered += events.map(\.position) }
            if drained.isEmpty { await Task.yield() }
        }
        feed.cancel()
        inbox.releaseWaiting()
        #expect(delivered == Array(1_000..<6_000), "every event after the views' position, in order, once")
        #expect(mostWaiting <= 300 + LiveFeed.checkEvery)
    }
}
