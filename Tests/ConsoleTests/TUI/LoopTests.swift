import Foundation
import Store
import Testing
import ConsoleTestSupport
@testable import ConsoleUI

@Suite struct LoopTests {
    @Test func theLoopTurnsInputIntoFramesAndStopsOnQ() {
        let terminal = TestTerminal(size: Size(width: 80, height: 24))
        let inbox = Inbox()
        var performed: [Effect] = []
        let loop = ConsoleLoop(terminal: terminal, state: Fixture.state(), inbox: inbox, clock: { Fixture.now }, perform: { effect, _ in performed.append(effect) })
        terminal.pendingInput = [.key(.char("4"))]
        #expect(loop.step(timeoutMilliseconds: 0) == nil)
        #expect(performed == [.loadStreams])
        #expect(terminal.lastScreen?.lines[1].hasPrefix("┌ Streams (1)") == true)
        terminal.pendingInput = [.resized(Size(width: 100, height: 30)), .key(.char("q"))]
        #expect(loop.step(timeoutMilliseconds: 0) == 0)
    }

    @Test func aKeyIsDrawnBeforeTheEventsWaitingInTheInboxAreFoldedIn() {
        let terminal = TestTerminal(size: Size(width: 80, height: 24))
        let inbox = Inbox()
        inbox.post(events: (0..<500).map { RecordedEventFixture.event(stream: "S-1", position: UInt64($0)) })
        let loop = ConsoleLoop(terminal: terminal, state: Fixture.state(), inbox: inbox, clock: { Fixture.now }, perform: { _, _ in })
        let before = UInt64(loop.state.bank.live.eventCount)
        var seen: [(PaneID, UInt64)] = []
        terminal.onDraw = { _ in seen.append((loop.state.pane, UInt64(loop.state.bank.live.eventCount))) }
        terminal.pendingInput = [.key(.char("4"))]
        #expect(loop.step(timeoutMilliseconds: 0) == nil)
        #expect(seen.map(\.0) == [.streams, .streams])
        #expect(seen.map(\.1) == [before, before + 500])
        #expect(inbox.pendingEvents == 0)
    }

    @Test func onlyAChangedScreenIsDrawn() {
        let terminal = TestTerminal(size: Size(width: 80, height: 24))
        let loop = ConsoleLoop(terminal: terminal, state: Fixture.state(), inbox: Inbox(), clock: { Fixture.now }, perform: { _, _ in })
        _ = loop.step(timeoutMilliseconds: 0)
        _ = loop.step(timeoutMilliseconds: 0)
        #expect(terminal.drawCount == 1)
    }

    @Test func theInboxDeliversEventsInBoundedBatchesInOrder() {
        let inbox = Inbox()
        for position in 0..<5 { inbox.post(event: RecordedEventFixture.event(stream: "S-1", position: UInt64(position))) }
        inbox.post(.loadFailed("x"))
        let first = inbox.drain(maxMessages: 10, maxEvents: 3)
        #expect(first.count == 2)
        guard case .eventsArrived(let events, let head) = first[1] else {
            Issue.record("expected events")
            return
        }
        #expect(events.map(\.position) == [0, 1, 2])
        #expect(head == 3)
        let second = inbox.drain(maxMessages: 10, maxEvents: 3)
        guard case .eventsArrived(let rest, _) = second.first else {
            Issue.record("expected the rest")
            return
        }
        #expect(rest.map(\.position) == [3, 4])
        #expect(inbox.drain(maxMessages: 10, maxEvents: 3).isEmpty)
    }

    @Test func theStoreReaderPagesStreamsIndexesAndTheLog() async throws {
        let store = MemoryEventStore(clock: ManualClock(Fixture.now))
        for n in 0..<5 {
            _ = try await store.append(to: "Ledger-1", expected: .any, events: [EventData(type: "Posted", data: Data("{\"n\":\(n)}".utf8))])
            _ = try await store.append(to: "Accounts-1", expected: .any, events: [EventData(type: "Opened")])
        }
        let reader = StoreReader(store: store)
        let last = try reader.page(of: "Ledger-1", from: nil, count: 2)
        #expect(last.from == 3 && last.total == 5 && last.rows.map(\.event.version) == [3, 4])
        let index = try reader.page(of: "$ce-Ledger", from: 1, count: 2)
        #expect(index.rows.map(\.number) == [1, 2])
        #expect(index.rows.map(\.event.position) == [2, 4])
        #expect(index.total == 5)
        let all = try reader.page(of: "$all", from: nil, count: 3)
        #expect(all.rows.map(\.number) == [7, 8, 9] && all.total == 10)
        let missing = try reader.page(of: "Nope-1", from: 0, count: 3)
        #expect(missing.rows.isEmpty && missing.total == 0)
        let detail = try reader.detail(stream: "Ledger-1", version: 2, via: "$ce-Ledger")
        #expect(detail.dataLines == ["{", "  \"n\" : 2", "}"])
        #expect(detail.via == "$ce-Ledger")
    }

    @Test func aPageOfTheLogFromPastItsEndIsEmptyOnADurableStore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reader-past-end-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os, clock: ManualClock(Fixture.now)))
        _ = try await store.append(to: "Ledger-1", expected: .any, events: [EventData(type: "Posted"), EventData(type: "Posted")])
        let reader = StoreReader(store: store)
        let past = try reader.page(of: "$all", from: 50, count: 10)
        #expect(past.rows.isEmpty && past.total == 2)
        #expect(try reader.page(of: "$all", from: 2, count: 10).rows.isEmpty)
        await store.close()
    }
}
