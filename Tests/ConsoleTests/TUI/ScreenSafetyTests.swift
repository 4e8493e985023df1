import Core
import Foundation
import Testing
@testable import ConsoleUI

/// What reaches the screen from the log is shown, never obeyed (issue 17 item 9), and the
/// console says what it is doing and whom it means (issue 16 items 11, 12, 13).
@Suite struct ScreenSafetyTests {
    // MARK: - Control characters

    @Test func controlCharactersInANameShowAsVisibleEscapesNeverRaw() {
        let screen = render(LargeMoneyFixture.state(width: 80, height: 24, pane: .accounts))
        #expect(screen.lines[5].contains("Evil␛[2J␛[31mName"))
        #expect(screen.cells.allSatisfy { $0.scalar.value >= 0x20 && $0.scalar.value != 0x7f && !(0x80..<0xa0).contains($0.scalar.value) })
    }

    @Test func controlCharactersInAReasonAndAnOperatorShowEscaped() {
        var state = LargeMoneyFixture.state(width: 80, height: 24, pane: .accounts)
        state = run(state, [.keyPressed(.down), .keyPressed(.down), .keyPressed(.enter)]).0
        let text = render(state).lines.joined(separator: "\n")
        #expect(text.contains("blocked by op␛[2J: r␛[31m"))
    }

    @Test func anASCIITerminalGetsAQuestionMarkForAControlCharacter() {
        let screen = render(LargeMoneyFixture.state(width: 80, height: 24, pane: .accounts, glyphs: .ascii))
        #expect(screen.lines[5].contains("Evil?[2J?[31m"))
    }

    @Test func everyControlCharacterMapsToOneVisibleColumn() {
        for value in UInt32(0)...0x9f where value < 0x20 || value >= 0x7f {
            let shown = Screen.singleWidth(Unicode.Scalar(value)!)
            #expect(shown.value >= 0x20 && shown.value != 0x7f && !(0x80..<0xa0).contains(shown.value), "U+\(String(value, radix: 16))")
        }
        #expect(Screen.singleWidth("\u{1b}") == "␛")
        #expect(Screen.singleWidth("\u{7f}") == "␡")
    }

    // MARK: - Catching up (issue 16 item 13)

    @Test(arguments: [(120, 40), (80, 24)])
    func whileCatchingUpTheTopBarSaysHowFarAlong(width: Int, height: Int) {
        let events = PaneBankFixture.events
        var state = State(size: Size(width: width, height: height), now: PaneBankFixture.now)
        state = update(state, .storeHeadRead(UInt64(events.count * 2))).0
        state = update(state, .eventsArrived(events, head: UInt64(events.count))).0
        let top = render(state).lines[0]
        #expect(top.contains("catching up 50%"))
        if width >= 120 { #expect(top.contains("\(Text.count(events.count)) behind")) }
    }

    @Test func theSubsPaneSaysTheConsoleIsCatchingUp() {
        var state = State(size: Size(width: 120, height: 40), now: PaneBankFixture.now)
        state.pane = .subscriptions
        state = update(state, .storeHeadRead(3_000)).0
        state = update(state, .eventsArrived(Array(PaneBankFixture.events.prefix(300)), head: 300)).0
        #expect(render(state).lines.joined(separator: "\n").contains("the console is catching up 10%"))
    }

    @Test func onceCaughtUpTheTopBarShowsTheClockAgain() {
        var state = State(size: Size(width: 120, height: 40), now: PaneBankFixture.now)
        state = update(state, .storeHeadRead(1_500)).0
        state = update(state, .eventsArrived(PaneBankFixture.events, head: 1_500)).0
        let top = render(state).lines[0]
        #expect(!top.contains("catching up"))
        #expect(top.contains("pos 1,500"))
    }

    @Test func aLongHeldBadgeAt80ColumnsDropsTheClockButKeepsThePosition() throws {
        // 186 held payments: the tabs reach column 61, so the clock and the position do not both fit.
        var log = RecordedEventLog()
        let to = PaymentParty(sortCode: "401234", accountNumber: "10000329", name: "K. Abbott")
        let from = PaymentParty(sortCode: "200000", accountNumber: "33334444", name: "Ivan Badman")
        for index in 0..<186 {
            let id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", index))!
            let stream = BankStream.payment(.inbound, id)
            let at = LargeMoneyFixture.start.addingTimeInterval(Double(index))
            try log.append(InboundPaymentReceived(paymentId: id, scheme: .fps, amount: "1.00", from: from, to: to, reference: ""), to: stream, at: at, id: UUID())
            try log.append(InboundPaymentHeld(paymentId: id, matches: [], threshold: 0.9), to: stream, at: at, id: UUID())
        }
        var state = State(size: Size(width: 80, height: 24), now: LargeMoneyFixture.start.addingTimeInterval(200))
        state = update(state, .eventsArrived(log.events, head: UInt64(log.events.count))).0
        #expect(state.heldCount == 186)
        state.storePosition = 123_456
        #expect(render(state).lines[0] == " 1 Flow  2 Held (186)  3 Accts  4 Strm  5 Subs  6 Time  7 Audit     pos 123,456 ")
    }

    // MARK: - The payee named two ways (issue 16 item 11)

    @Test func theConfirmationNamesTheAccountHolderAndTheNameOnThePaymentLabelled() throws {
        let state = LargeMoneyFixture.state(width: 120, height: 40, pane: .held)
        let payment = try #require(state.heldRows.first)
        #expect(State.describe(payment) == "£999,999,999,999.99 to Katarzyna Abbott-Featherstonehaugh (account holder; the payment names \"K. Abbott\")")
        let asking = run(state, keys("a") + keys("checked") + [.keyPressed(.enter)]).0
        let text = render(asking).lines.joined(separator: "\n")
        // The question wraps in the dialog rather than losing its end.
        // At or above the four-eyes threshold the first approval is asked for as one.
        #expect(text.contains("│ Approve £999,999,999,999.99 to Katarzyna Abbott-Featherstonehaugh (account holder; the payment names \"K. "))
        #expect(text.contains("│   Abbott\")? It stays held until a second operator approves too. "))
        #expect(text.contains("[ Approve ]"))
    }

    @Test func theHeldRowAndEvidenceShowBothNames() {
        let lines = render(LargeMoneyFixture.state(width: 160, height: 48, pane: .held)).lines
        #expect(lines[2].contains("Ivan Badman ─▶ Katarzyna Abbott-"))
        let text = lines.joined(separator: "\n")
        #expect(text.contains("beneficiary on payment \"K. Abbott\""))
        #expect(text.contains("account holder \"Katarzyna Abbott-Featherstonehaugh\""))
    }

    @Test func aPaymentWhoseNameMatchesTheHolderIsDescribedOnce() throws {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(state.heldQueue.first)
        #expect(State.describe(payment) == "£74.51 to Katarzyna Abbott")
    }

    // MARK: - Small mismatches (issue 16 item 12)

    @Test func theGoToPromptShowsItsWholeLabelAt80Columns() {
        let state = run(PaneBankFixture.state(width: 80, height: 24, pane: .timeMachine), keys("g")).0
        let lines = render(state).lines
        let first = lines.firstIndex { $0.contains("Go to a position (the bank just after that event, e.g. 9210)") }
        #expect(first.map { lines[$0 + 1].contains("or a time (HH:MM:SS or ISO 8601: the last event by then):") } == true)
    }

    @Test func rWithNothingParkedNamesTheSelectedGroupAndItsSource() {
        var state = PaneBankFixture.state(pane: .subscriptions)
        state = update(state, .subscriptionsLoaded(PaneBankFixture.subscriptions)).0
        let refused = update(state, .keyPressed(.char("R"))).0
        #expect(refused.overlay == nil)
        #expect(refused.toasts.map(\.text) == ["nothing parked in inbound-processor on $ce-Payments; parked: screening on $ce-Payments (2)"])
    }

    @Test func aLongToastWrapsInsteadOfLosingItsEnd() {
        var state = PaneBankFixture.state(width: 80, height: 24, pane: .subscriptions)
        state = update(state, .subscriptionsLoaded(PaneBankFixture.subscriptions)).0
        let lines = render(update(state, .keyPressed(.char("R"))).0).lines
        #expect(lines[21].hasSuffix(" nothing parked in inbound-processor on $ce-Payments; parked: screening on │"))
        #expect(lines[22].hasSuffix(" $ce-Payments (2) ┘"))
    }

    @Test func rWithTheProjectionsFocusedNamesNoGroup() {
        var state = PaneBankFixture.state(pane: .subscriptions)
        state = update(state, .subscriptionsLoaded(PaneBankFixture.subscriptions)).0
        let refused = run(state, [.keyPressed(.down), .keyPressed(.right), .keyPressed(.char("R"))]).0
        #expect(refused.overlay == nil)
        #expect(refused.toasts.map(\.text) == ["R replays a group's parked messages: ← selects the groups"])
    }
}
