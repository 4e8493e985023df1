import Foundation
import Testing
@testable import ConsoleUI

@Suite struct ChromeUpdateTests {
    @Test func numberKeysSelectThePanesInOrder() {
        for (key, pane) in zip("123456", PaneID.allCases) {
            let (state, _) = update(Fixture.state(), .keyPressed(.char(key)))
            #expect(state.pane == pane)
        }
    }

    @Test func tabAndShiftTabCycleThePanesWrapping() {
        var start = Fixture.state()
        start.pane = .timeMachine
        #expect(update(start, .keyPressed(.tab)).0.pane == .audit)
        start.pane = .audit
        #expect(update(start, .keyPressed(.tab)).0.pane == .flow)
        start.pane = .flow
        #expect(update(start, .keyPressed(.backTab)).0.pane == .audit)
        start.pane = .held
        #expect(update(start, .keyPressed(.tab)).0.pane == .accounts)
    }

    @Test func selectingTheStreamsPaneLoadsTheStreamList() {
        let (state, effects) = update(Fixture.state(), .keyPressed(.char("4")))
        #expect(state.pane == .streams)
        #expect(effects == [.loadStreams])
    }

    @Test func questionMarkOpensHelpAndEscapeClosesIt() {
        let (open, _) = update(Fixture.state(), .keyPressed(.char("?")))
        #expect(open.overlay == .help(scroll: 0))
        let (scrolled, _) = update(open, .keyPressed(.char("j")))
        #expect(scrolled.overlay == .help(scroll: 1))
        let last = HelpOverlay.maxScroll(for: open)
        #expect(last > 0)
        let (atEnd, _) = update(scrolled, .keyPressed(.end))
        #expect(atEnd.overlay == .help(scroll: last))
        #expect(render(atEnd).lines[2].contains("Keys \(last + 1)–\(last + HelpOverlay.visibleRows(for: open)) of \(HelpOverlay.lines.count)"))
        #expect(update(atEnd, .keyPressed(.home)).0.overlay == .help(scroll: 0))
        let (closed, _) = update(scrolled, .keyPressed(.escape))
        var expected = Fixture.state()
        expected.overlay = nil
        #expect(closed == expected)
    }

    @Test func helpSwallowsPaneKeys() {
        let (open, _) = update(Fixture.state(), .keyPressed(.char("?")))
        let (after, effects) = update(open, .keyPressed(.char("4")))
        #expect(after.pane == .flow)
        #expect(effects.isEmpty)
    }

    @Test func qQuitsAtOnceWhenNothingIsPending() {
        let (_, effects) = update(Fixture.state(), .keyPressed(.char("q")))
        #expect(effects == [.quit(code: 0)])
    }

    @Test func qAsksFirstWhenAnActionIsPendingAndEnterKeepsRunning() {
        var state = Fixture.state()
        state.pendingActions = 1
        let (asking, effects) = update(state, .keyPressed(.char("q")))
        #expect(effects == [])
        #expect(asking.overlay == .confirm(Confirmation(question: "1 action is still running. Quit anyway?", confirmLabel: "Quit", action: .quit)))
        let (kept, none) = update(asking, .keyPressed(.enter))
        #expect(none == [])
        #expect(kept.overlay == nil)
        let (_, quit) = update(asking, .keyPressed(.char("y")))
        #expect(quit == [.quit(code: 0)])
    }

    @Test func confirmationEnterTakesTheFocusedButtonWhichStartsOnCancel() {
        var state = Fixture.state()
        let confirmation = Confirmation(question: "Release £52.10 to Leo Glass?", confirmLabel: "Release",
                                        action: .release(paymentID: "p1", reason: "known customer"))
        state.overlay = .confirm(confirmation)
        let (cancelled, none) = update(state, .keyPressed(.enter))
        #expect(none == [])
        #expect(cancelled.overlay == nil)
        #expect(cancelled.pendingActions == 0)

        let (moved, _) = update(state, .keyPressed(.tab))
        var focused = confirmation
        focused.focusOnConfirm = true
        #expect(moved.overlay == .confirm(focused))
        let (confirmed, effects) = update(moved, .keyPressed(.enter))
        #expect(effects == [.perform(.release(paymentID: "p1", reason: "known customer"))])
        #expect(confirmed.overlay == nil)
        #expect(confirmed.pendingActions == 1)
    }

    @Test func confirmationYConfirmsAndNOrEscapeCancel() {
        var state = Fixture.state()
        state.overlay = .confirm(Confirmation(question: "Reject?", confirmLabel: "Reject", action: .reject(paymentID: "p2", reason: "fraud")))
        #expect(update(state, .keyPressed(.char("y"))).1 == [.perform(.reject(paymentID: "p2", reason: "fraud"))])
        for key in [Key.char("n"), .escape] {
            let (after, effects) = update(state, .keyPressed(key))
            #expect(effects == [])
            #expect(after.overlay == nil)
        }
    }

    @Test func aReasonPromptRefusesAnEmptyReasonThenAsksForConfirmation() {
        var state = Fixture.state()
        state.overlay = .prompt(Prompt(label: "Reason:", field: TextField(), purpose: .releaseReason(paymentID: "p1", summary: "£52.10 to Leo Glass")))
        let (refused, _) = update(state, .keyPressed(.enter))
        #expect(refused.overlay == .prompt(Prompt(label: "Reason:", field: TextField(), purpose: .releaseReason(paymentID: "p1", summary: "£52.10 to Leo Glass"), error: "a reason is required")))
        let (typed, _) = run(refused, keys("ok") + [.keyPressed(.enter)])
        #expect(typed.overlay == .confirm(Confirmation(question: "Release £52.10 to Leo Glass?", confirmLabel: "Release", action: .release(paymentID: "p1", reason: "ok"))))
    }

    @Test func escapeCancelsAPromptWithoutDoingAnything() {
        var state = Fixture.state()
        state.overlay = .prompt(Prompt(label: "Reason:", field: TextField("half"), purpose: .rejectReason(paymentID: "p1", summary: "x")))
        let (after, effects) = update(state, .keyPressed(.escape))
        #expect(after == Fixture.state())
        #expect(effects == [])
    }

    @Test func textFieldsEditAtTheCursor() {
        var field = TextField("held")
        _ = field.handle(.left)
        _ = field.handle(.left)
        _ = field.handle(.char("X"))
        #expect(field.text == "heXld")
        _ = field.handle(.backspace)
        _ = field.handle(.delete)
        #expect(field.text == "hed")
        _ = field.handle(.home)
        _ = field.handle(.char("£"))
        #expect(field.text == "£hed")
        _ = field.handle(.end)
        _ = field.handle(.char("!"))
        #expect(field.text == "£hed!")
        #expect(field.cursor == 5)
    }

    @Test func colonOpensTheCommandLineAndAnUnknownCommandSaysSo() {
        let (open, _) = update(Fixture.state(), .keyPressed(.char(":")))
        #expect(open.overlay == .command(TextField(limit: 200), error: nil))
        let (done, effects) = run(open, keys("frobnicate") + [.keyPressed(.enter)])
        #expect(effects == [])
        #expect(done.overlay == nil)
        #expect(done.toasts == [Toast(text: "unknown command :frobnicate — try :help", kind: .failure, expires: Fixture.now.addingTimeInterval(4))])
    }

    @Test func commandStreamOpensAStreamInTheBrowser() {
        let (done, effects) = run(Fixture.state(), [.keyPressed(.char(":"))] + keys("stream $all") + [.keyPressed(.enter)])
        #expect(done.pane == .streams)
        #expect(done.streams.mode == .events)
        #expect(effects == [.loadPage(stream: "$all", from: 0, count: 19)])
    }

    @Test func toastsExpireOnTheTickAfterTheirTime() {
        var state = Fixture.state()
        state.toast("released", .success)
        #expect(update(state, .tick(Fixture.now.addingTimeInterval(3.9))).0.toasts.count == 1)
        #expect(update(state, .tick(Fixture.now.addingTimeInterval(4))).0.toasts.isEmpty)
    }

    @Test func aFinishedCommandClearsItsPendingCountAndShowsItsResult() {
        var state = Fixture.state()
        state.pendingActions = 1
        let result = CommandResult(action: .release(paymentID: "p1", reason: "ok"), succeeded: true, message: "released p1: settled")
        let (after, _) = update(state, .commandFinished(result))
        #expect(after.pendingActions == 0)
        #expect(after.toasts == [Toast(text: "released p1: settled", kind: .success, expires: Fixture.now.addingTimeInterval(4))])
    }

    @Test func ctrlCQuitsEvenFromADialog() {
        var state = Fixture.state()
        state.overlay = .help(scroll: 0)
        #expect(update(state, .keyPressed(.control("c"))).1 == [.quit(code: 0)])
    }

    @Test func clickingATabSelectsItAndTheWheelMoves() {
        let state = Fixture.state()
        let streamsTab = TopBar.tabs(for: state).first { $0.pane == .streams }!
        let (after, _) = update(state, .mouse(MouseEvent(kind: .click, x: streamsTab.x + 1, y: 0)))
        #expect(after.pane == .streams)
        let (moved, _) = update(Fixture.streamsState(), .mouse(MouseEvent(kind: .wheelDown, x: 5, y: 5)))
        #expect(moved.streams.list.cursor == 1)
    }

    @Test func resizingChangesTheLayoutSize() {
        let (after, _) = update(Fixture.state(), .resized(Size(width: 160, height: 48)))
        #expect(after.size == Size(width: 160, height: 48))
    }

    @Test func theFooterAlwaysEndsWithHelpAndQuitHoweverNarrow() {
        for pane in PaneID.allCases {
            var state = Fixture.state(width: 80, height: 24)
            state.pane = pane
            let footer = render(state).lines[23]
            #expect(footer.trimmingCharacters(in: .whitespaces).hasSuffix("? help  q quit"), "\(pane): \(footer)")
        }
    }
}
