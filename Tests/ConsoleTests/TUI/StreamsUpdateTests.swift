import Foundation
import Testing
@testable import ConsoleUI

@Suite struct StreamsUpdateTests {
    @Test func theListPutsAllFirstThenCategoriesEventTypesAndStreams() {
        #expect(Fixture.streamsState().streams.rows.map(\.name) == [
            "$all", "$ce-Accounts", "$ce-Ledger", "$ce-Payments", "$et-AccountOpened", "$et-InboundPaymentHeld",
            "$et-LedgerEntryPosted", "Accounts-401234-12345706", "Accounts-401234-87654529", "Ledger-401234-12345706",
            "Payments-Inbound-19b2aa00-0000-4000-8000-00000000000e", "SanctionedNames",
        ])
        #expect(Fixture.streamsState().streams.rows[1] == StreamListRow(name: "$ce-Accounts", kind: .category, count: 3))
        #expect(Fixture.streamsState().streams.rows[4] == StreamListRow(name: "$et-AccountOpened", kind: .eventType, count: 2))
    }

    @Test func theStoresOwnStreamsAndTypesAreHiddenUntilSShowsThemAtTheEnd() {
        let state = Fixture.streamsState()
        #expect(state.streams.hiddenSystemRows == 5)
        #expect(!state.streams.rows.contains { $0.isSystem || $0.name.hasPrefix("$$") || $0.name.hasPrefix("$et-$") })
        let (shown, effects) = run(state, keys("Gs"))
        #expect(effects == [])
        #expect(shown.streams.hiddenSystemRows == 0)
        #expect(shown.streams.rows.suffix(5) == [
            StreamListRow(name: "$streams", kind: .streamsIndex, count: 7, isSystem: true),
            StreamListRow(name: "$et-$PersistentConfig", kind: .eventType, count: 3, isSystem: true),
            StreamListRow(name: "$et-$ProjectionCheckpoint", kind: .eventType, count: 1, isSystem: true),
            StreamListRow(name: "$$$projections-accounts-by-status-checkpoint", kind: .stream, count: 1, isSystem: true),
            StreamListRow(name: "$persistentSubscriptionConfig", kind: .stream, count: 3, isSystem: true),
        ])
        // The cursor stays on the row it was on (SanctionedNames, the last one before).
        #expect(shown.streams.rows[shown.streams.list.cursor].name == "SanctionedNames")
        let (hidden, _) = run(shown, keys("Gs"))
        #expect(hidden.streams.rows.count == state.streams.rows.count)
        #expect(hidden.streams.list.cursor == 0)
    }

    @Test func everyListedRowHasACount() {
        let (shown, _) = run(Fixture.streamsState(), keys("s"))
        #expect(shown.streams.rows.filter { $0.kind != .all && $0.count == nil }.map(\.name) == [])
        #expect(shown.streams.rows.allSatisfy { ($0.count ?? 1) > 0 })
    }

    @Test func aFilterMatchingOnlyHiddenRowsSaysSo() {
        let (state, _) = run(Fixture.streamsState(), keys("/$$") + [.keyPressed(.enter)])
        #expect(state.streams.rows == [])
        #expect(state.streams.hiddenSystemRows == 1)
        let lines = render(state).lines
        #expect(lines[1].hasPrefix("┌ Streams (0)  filter \"$$\" ● 1 system hidden, s shows ─"))
        #expect(lines[3].hasPrefix("│  (nothing matches \"$$\"; 1 system row matches, s shows them)"))
    }

    @Test func slashFiltersAsYouTypePrefixMatchesFirst() {
        let (state, effects) = run(Fixture.streamsState(), keys("/led"))
        #expect(effects == [])
        #expect(state.streams.filter == "led")
        #expect(state.streams.rows.map(\.name) == ["$ce-Ledger", "$et-LedgerEntryPosted", "Ledger-401234-12345706"])
        let (kept, _) = update(state, .keyPressed(.enter))
        #expect(kept.overlay == nil)
        #expect(kept.streams.filter == "led")
        let (cleared, _) = update(kept, .keyPressed(.escape))
        #expect(cleared.streams.filter == "")
    }

    @Test func escapeInTheFilterPromptClearsTheFilter() {
        let (state, _) = run(Fixture.streamsState(), keys("/zz") + [.keyPressed(.escape)])
        #expect(state.overlay == nil)
        #expect(state.streams.filter == "")
    }

    @Test func enterOpensTheSelectedStreamFromItsStart() {
        let (state, effects) = run(Fixture.streamsState(), keys("jj") + [.keyPressed(.enter)])
        #expect(effects == [.loadPage(stream: "$ce-Ledger", from: 0, count: 19)])
        #expect(state.streams.mode == .events)
        #expect(state.streams.page == StreamPage(stream: "$ce-Ledger", from: 0, rows: [], total: 0))
    }

    @Test func movingPastTheLastRowOfAPageLoadsTheNextRow() {
        var state = Fixture.streamsState()
        state.streams.mode = .events
        state.streams.page = Fixture.page(from: 0, count: 4, total: 10)
        state.streams.pageCursor = 3
        let (after, effects) = update(state, .keyPressed(.down))
        #expect(effects == [.loadPage(stream: "$ce-Ledger", from: 1, count: 19)])
        #expect(after.streams.pendingCursor == 4)
        let (loaded, _) = update(after, .pageLoaded(Fixture.page(from: 1, count: 4, total: 10)))
        #expect(loaded.streams.pageCursor == 3)
        #expect(loaded.streams.page?.from == 1)
    }

    @Test func pagingKeysAskForTheRightPages() {
        var state = Fixture.streamsState()
        state.streams.mode = .events
        state.streams.page = Fixture.page(from: 40, count: 4, total: 100)
        #expect(update(state, .keyPressed(.pageDown)).1 == [.loadPage(stream: "$ce-Ledger", from: 59, count: 19)])
        #expect(update(state, .keyPressed(.pageUp)).1 == [.loadPage(stream: "$ce-Ledger", from: 21, count: 19)])
        #expect(update(state, .keyPressed(.home)).1 == [.loadPage(stream: "$ce-Ledger", from: 0, count: 19)])
        #expect(update(state, .keyPressed(.end)).1 == [.loadPage(stream: "$ce-Ledger", from: nil, count: 19)])
    }

    @Test func followReloadsTheLastPageWhenMatchingEventsArrive() {
        var state = Fixture.streamsState()
        state.streams.mode = .events
        state.streams.page = Fixture.page()
        let (following, effects) = update(state, .keyPressed(.char("f")))
        #expect(following.streams.following)
        #expect(effects == [.loadPage(stream: "$ce-Ledger", from: nil, count: 19)])
        let ledger = RecordedEventFixture.event(stream: "Ledger-401234-12345706", position: 20)
        let other = RecordedEventFixture.event(stream: "Accounts-401234-12345706", position: 21)
        #expect(update(following, .eventsArrived([other], head: 22)).1 == [])
        #expect(update(following, .eventsArrived([ledger], head: 21)).1 == [.loadPage(stream: "$ce-Ledger", from: nil, count: 19)])
        let (stopped, _) = update(following, .keyPressed(.char("f")))
        #expect(!stopped.streams.following)
    }

    @Test func enterOnAnIndexEntryOpensItsDetailRememberingTheIndex() {
        var state = Fixture.streamsState()
        state.streams.mode = .events
        state.streams.page = Fixture.page()
        state.streams.pageCursor = 1
        let (_, effects) = update(state, .keyPressed(.enter))
        #expect(effects == [.loadEvent(stream: "Ledger-401234-12345706", version: 1, via: "$ce-Ledger")])
        let (detail, _) = update(state, .eventLoaded(Fixture.detail))
        #expect(detail.streams.mode == .detail)
        #expect(detail.streams.detail == Fixture.detail)
    }

    @Test func enterInTheDetailOfAnIndexEntryJumpsToTheOriginalEvent() {
        let state = Fixture.streamsDetailState()
        let (after, effects) = update(state, .keyPressed(.enter))
        #expect(effects == [.loadPage(stream: "Ledger-401234-12345706", from: 0, count: 19)])
        #expect(after.streams.mode == .events)
        #expect(after.streams.pendingCursor == 1)
        #expect(after.streams.page == StreamPage(stream: "Ledger-401234-12345706", from: 0, rows: [], total: 0))
    }

    @Test func escapeWalksBackFromDetailToEventsToList() {
        let state = Fixture.streamsDetailState()
        let (events, _) = update(state, .keyPressed(.escape))
        #expect(events.streams.mode == .events)
        #expect(events.streams.detail == nil)
        let (list, effects) = update(events, .keyPressed(.escape))
        #expect(list.streams.mode == .list)
        #expect(effects == [.loadStreams])
    }

    @Test func newEventTypesJoinTheList() {
        let event = RecordedEventFixture.event(stream: "Scheme-Fps", position: 13, type: "InboundPaymentSentByScheme")
        let (after, _) = update(Fixture.streamsState(), .eventsArrived([event], head: 14))
        #expect(after.streams.eventTypes["InboundPaymentSentByScheme"] == 1)
        #expect(after.streams.rows.contains(StreamListRow(name: "$et-InboundPaymentSentByScheme", kind: .eventType, count: 1)))
        #expect(after.storePosition == 14)
        let again = RecordedEventFixture.event(stream: "Scheme-Fps", position: 14, type: "InboundPaymentSentByScheme")
        #expect(update(after, .eventsArrived([again], head: 15)).0.streams.eventTypes["InboundPaymentSentByScheme"] == 2)
    }

    @Test func arrivingEventsKeepTheListsCountsLiveAndTheCursorOnItsRow() {
        var state = Fixture.streamsState()
        state.streams.list.cursor = 9
        #expect(state.streams.rows[9].name == "Ledger-401234-12345706")
        let events = [
            RecordedEventFixture.event(stream: "Ledger-401234-12345706", position: 13, type: "LedgerEntryPosted", version: 4),
            RecordedEventFixture.event(stream: "Accounts-401234-00000001", position: 14, type: "AccountOpened"),
        ]
        let (after, _) = update(state, .eventsArrived(events, head: 15))
        let rows = after.streams.rows
        #expect(rows.first { $0.name == "Ledger-401234-12345706" }?.count == 5)
        #expect(rows.first { $0.name == "Accounts-401234-00000001" }?.count == 1)
        #expect(rows.first { $0.name == "$ce-Ledger" }?.count == 5)
        #expect(rows.first { $0.name == "$et-LedgerEntryPosted" }?.count == 5)
        #expect(after.streams.streamsIndexCount == 8)
        #expect(update(after, .eventsArrived([events[1]], head: 15)).0.streams.streamsIndexCount == 8)
        #expect(after.streams.list.cursor == 10)
        #expect(rows[after.streams.list.cursor].name == "Ledger-401234-12345706")
    }

    @Test func openingAStreamThatDoesNotExistSaysSo() {
        let (state, effects) = run(Fixture.streamsState(), [.keyPressed(.char(":"))] + keys("stream Nope-1") + [.keyPressed(.enter)])
        #expect(effects == [.loadPage(stream: "Nope-1", from: 0, count: 19)])
        let (loaded, _) = update(state, .pageLoaded(StreamPage(stream: "Nope-1", from: 0, rows: [], total: 0)))
        #expect(render(loaded).lines[3].hasPrefix("│  (no stream named Nope-1 yet; f follows it) "))
    }

    @Test func awayFromThePaneOnlyEventTypesAreCountedAndReturningReloadsTheList() {
        var state = Fixture.streamsState()
        state.pane = .flow
        let event = RecordedEventFixture.event(stream: "Accounts-401234-00000001", position: 13, type: "AccountOpened")
        let (after, _) = update(state, .eventsArrived([event], head: 14))
        #expect(after.streams.eventTypes["AccountOpened"] == 3)
        #expect(after.streams.streams == state.streams.streams)
        #expect(update(after, .keyPressed(.char("4"))).1 == [.loadStreams])
    }

    @Test func theHiddenCountIsWhatShowingTheSystemRowsWouldAdd() {
        for filter in ["", "$", "$$", "pers", "config", "$et-$", "checkpoint", "ledger", "zzz", "$streams"] {
            var streams = Fixture.streamsState().streams
            streams.filter = filter
            #expect(streams.hiddenSystemRows == streams.rows(includingSystem: true).count - streams.rows.count, "filter \(filter)")
        }
    }
}
