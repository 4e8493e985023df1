import Foundation
import Store
import Testing
@testable import ConsoleUI
@testable import Core

/// The operator at the console (issue 13): their name and role in the header, keys their role
/// does not cover greyed and refused with why, approvals on the held pane.
@Suite struct OperatorConsoleTests {
    // MARK: - The header

    @Test func theHeaderNamesTheOperatorAndTheirRole() {
        let wide = OperatorFixture.seated(PaneBankFixture.state(width: 160, height: 48), as: "sam")
        #expect(render(wide).lines[0].hasSuffix("7 Audit                               sam · supervisor  20:36:06  pos 1,502  ● 1,502 ev/s "))
        // Narrower, the clock and the rate give way to the operator first.
        let narrow = OperatorFixture.seated(PaneBankFixture.state(width: 120, height: 40), as: "sam")
        #expect(render(narrow).lines[0].hasSuffix("7 Audit               sam · supervisor  pos 1,502 "))
    }

    @Test func aNameTheRosterDoesNotKnowIsShownInTheWarningColour() {
        let state = OperatorFixture.seated(PaneBankFixture.state(width: 120, height: 40), as: "mallory")
        let screen = render(state)
        let top = screen.lines[0]
        #expect(top.hasSuffix("mallory · not an operator  pos 1,502 "))
        let scalars = Array(top.unicodeScalars)
        let x = scalars.indices.first { String(String.UnicodeScalarView(scalars[$0...].prefix(7))) == "mallory" }!
        #expect(screen[x, 0].role == .warn)
        #expect(screen[x - 3, 0].role == .status)
    }

    @Test func atEightyColumnsTheRoleAndPositionStayWhenTheNameCannot() {
        let state = OperatorFixture.seated(PaneBankFixture.state(width: 80, height: 24), as: "vic")
        #expect(render(state).lines[0] == " 1 Flow  2 Held  3 Accts  4 Strm  5 Subs  6 Time  7 Audit     viewer  pos 1,502 ")
    }

    @Test func whileCatchingUpTheRoleStaysBeforeTheProgressWhenTheNameCannot() {
        var state = OperatorFixture.seated(PaneBankFixture.state(width: 160, height: 48), as: "jo")
        state = update(state, .storeHeadRead(3_000)).0
        #expect(render(state).lines[0].hasSuffix("7 Audit     operator  ⟳ catching up 50% ● 1,498 behind  20:36:06  pos 3,000  ● 1,502 ev/s "))
    }

    // MARK: - Reading the roster

    @Test func theRosterIsReadAtStartAndAgainWhenTheOperatorsStreamChanges() {
        var state = PaneBankFixture.state()
        state.consoleOperator = ConsoleOperator(name: "jo")
        var effects = update(state, .tick(state.now)).1
        (state, effects) = update(state, .tick(state.now))
        #expect(effects.filter { $0 == .loadOperators }.count == 1)
        // One read at a time: the next tick asks for nothing.
        #expect(update(state, .tick(state.now)).1.contains(.loadOperators) == false)
        state = update(state, .operatorsLoaded(OperatorFixture.roster, BankSettings())).0
        #expect(state.consoleOperator?.role == .operator)
        #expect(update(state, .tick(state.now)).1.contains(.loadOperators) == false)
        // Someone changes the roster: the next tick reads it again.
        let added = RecordedEventFixture.event(stream: BankStream.operators.name, position: 1_502, type: OperatorAdded.eventType, version: 4)
        state = update(state, .eventsArrived([added], head: 1_503)).0
        #expect(update(state, .tick(state.now)).1.contains(.loadOperators))
    }

    // MARK: - Keys the role does not cover

    @Test func aViewerPressingApproveIsToldWhyAndNothingIsSent() {
        let state = OperatorFixture.seated(LargeMoneyFixture.state(width: 120, height: 40, pane: .held), as: "vic")
        let (next, effects) = update(state, .keyPressed(.char("a")))
        #expect(effects == [])
        #expect(next.overlay == nil)
        #expect(next.toasts.map(\.text) == ["first approval needs the operator role; you are a viewer"])
    }

    @Test func aViewerCannotBlockAnAccountEitherAndTheFooterGreysTheKeys() {
        let state = OperatorFixture.seated(PaneBankFixture.state(width: 120, height: 40, pane: .accounts), as: "vic")
        let (next, effects) = update(state, .keyPressed(.char("b")))
        #expect(effects == [])
        #expect(next.overlay == nil)
        #expect(next.toasts.map(\.text) == ["block needs the operator role; you are a viewer"])
        let screen = render(state)
        let footer = screen.lines[39]
        let b = Array(footer.unicodeScalars).firstIndex(of: "b")!
        #expect(screen[b, 39].role == .keyDenied)
        let enter = Array(footer.unicodeScalars).firstIndex(of: "E")!
        #expect(screen[enter, 39].role == .key)
    }

    @Test func anOperatorMayBlockButNotClose() {
        let state = OperatorFixture.seated(PaneBankFixture.state(width: 120, height: 40, pane: .accounts), as: "jo")
        #expect(update(state, .keyPressed(.char("b"))).0.overlay != nil)
        let closing = update(state, .keyPressed(.char("x"))).0
        #expect(closing.overlay == nil)
        #expect(closing.toasts.map(\.text) == ["close needs the supervisor role; you are an operator"])
        #expect(state.keyDenied("x"))
        #expect(!state.keyDenied("b"))
        #expect(!state.keyDenied("b/u/x"))
    }

    @Test func theHelpGreysWhatTheRoleDoesNotCover() {
        var state = OperatorFixture.seated(PaneBankFixture.state(width: 120, height: 60, pane: .accounts), as: "vic")
        state.overlay = .help(scroll: 0)
        let lines = render(state).lines
        #expect(lines.contains { $0.contains("b / u / x") && $0.contains("block / unblock / close (not your role)") })
        #expect(lines.contains { $0.contains("ledger with running balance") && !$0.contains("not your role") })
    }

    @Test func theCommandLineIsCheckedTooBeforeAnythingIsSent() {
        let state = OperatorFixture.seated(LargeMoneyFixture.state(width: 120, height: 40, pane: .held), as: "vic")
        let asked = run(state, [.keyPressed(.char(":"))] + keys("release 9f3a looks fine") + [.keyPressed(.enter)]).0
        #expect(asked.overlay != nil)
        let (next, effects) = update(asked, .keyPressed(.char("y")))
        #expect(effects == [])
        #expect(next.pendingActions == 0)
        #expect(next.toasts.last?.text == "first approval needs the operator role; you are a viewer")
    }

    @Test func withoutAnOperatorNothingIsGreyed() {
        let state = LargeMoneyFixture.state(width: 120, height: 40, pane: .held)
        #expect(update(state, .keyPressed(.char("a"))).0.overlay != nil)
        #expect(!state.keyDenied("a"))
    }

    // MARK: - Four eyes

    @Test func theHeldPaneShowsTheFirstApproval() {
        let state = OperatorFixture.approvedState(as: "sam")
        let text = render(state).lines.joined(separator: "\n")
        #expect(text.contains("│ approved by jo — needs a second operator"))
        #expect(text.contains("│   20:27:20 \"passport seen\""))
    }

    @Test func thePaymentsTimelineReadsTheApprovalLikeItsOtherEvents() {
        let state = OperatorFixture.approvedState(as: "sam")
        let payment = state.heldQueue[0]
        #expect(payment.approvals.map(\.by) == ["jo"])
        let approval = OperatorFixture.approvedEvents.last!
        #expect(payment.positions.last == approval.position)
        let effects = update(state, .keyPressed(.enter)).1
        #expect(effects == [.loadTimeline(paymentID: payment.id, positions: payment.positions)])
    }

    @Test func theSameOperatorApprovingAgainIsToldWhy() {
        let (next, effects) = update(OperatorFixture.approvedState(as: "jo"), .keyPressed(.char("a")))
        #expect(effects == [])
        #expect(next.overlay == nil)
        #expect(next.toasts.map(\.text) == [BankError.alreadyApproved(by: "jo", threshold: BankSettings.defaultFourEyesThreshold).description])
    }

    @Test func theSecondApprovalNeedsASupervisor() {
        let operatorTries = update(OperatorFixture.approvedState(as: "kim"), .keyPressed(.char("a"))).0
        #expect(operatorTries.toasts.map(\.text) == ["second approval needs the supervisor role; you are an operator"])
        let supervisorTries = update(OperatorFixture.approvedState(as: "sam"), .keyPressed(.char("a"))).0
        #expect(supervisorTries.overlay != nil)
        // Rejecting takes one operator whatever the amount.
        #expect(update(OperatorFixture.approvedState(as: "kim"), .keyPressed(.char("r"))).0.overlay != nil)
    }
}
