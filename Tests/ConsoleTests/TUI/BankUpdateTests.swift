import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

@Suite struct BankUpdateTests {
    // MARK: - Held queue

    @Test func aAsksForAReasonToReleaseTheSelectedHeldPayment() throws {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(state.heldQueue.first)
        let id = payment.id.uuidString.lowercased()
        let summary = State.describe(payment)
        let (asking, effects) = update(state, .keyPressed(.char("a")))
        #expect(effects == [])
        #expect(asking.overlay == .prompt(Prompt(label: "Reason for releasing \(summary):", field: TextField(limit: 200),
                                                 purpose: .releaseReason(paymentID: id, summary: summary))))
        let (confirming, _) = run(asking, keys("ok") + [.keyPressed(.enter)])
        #expect(confirming.overlay == .confirm(Confirmation(question: "Release \(summary)?", confirmLabel: "Release",
                                                            action: .release(paymentID: id, reason: "ok"))))
        let (_, performed) = update(confirming, .keyPressed(.char("y")))
        #expect(performed == [.perform(.release(paymentID: id, reason: "ok"))])
    }

    @Test func rAsksForAReasonToRejectAndEnterOnTheDialogCancels() throws {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(state.heldQueue.first)
        let (confirming, _) = run(state, keys("r") + keys("fraud") + [.keyPressed(.enter)])
        #expect(confirming.overlay == .confirm(Confirmation(question: "Reject \(State.describe(payment))?", confirmLabel: "Reject",
                                                            action: .reject(paymentID: payment.id.uuidString.lowercased(), reason: "fraud"))))
        let (after, effects) = update(confirming, .keyPressed(.enter))
        #expect(effects == [])
        #expect(after.overlay == nil)
    }

    @Test func approvingWithNothingHeldSaysSo() {
        let (state, effects) = update(PaneBankFixture.state(pane: .held), .keyPressed(.char("a")))
        #expect(effects == [])
        #expect(state.overlay == nil)
        #expect(state.toasts.map(\.text) == ["no held payment selected"])
    }

    @Test func enterOnAHeldPaymentOpensItsTimelineInTheFlowPane() throws {
        let state = PaneBankFixture.state(pane: .held, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(state.heldQueue.first)
        let (after, effects) = update(state, .keyPressed(.enter))
        #expect(after.pane == .flow)
        #expect(after.flow.timeline == PaymentTimeline(paymentID: payment.id, entries: []))
        #expect(effects == [.loadTimeline(paymentID: payment.id, positions: payment.positions)])
    }

    @Test func aPaymentIdOnTheCommandLineThatFindsNothingSaysWhy() throws {
        let state = PaneBankFixture.state(pane: .flow, events: PaneBankFixture.eventsWithHolds)
        let payment = try #require(state.heldQueue.first)
        let command = { (line: String) -> [String] in
            run(state, [.keyPressed(.char(":"))] + keys(line) + [.keyPressed(.enter)]).0.toasts.map(\.text)
        }
        #expect(command("payment ab") == ["\"ab\" is too short: give the payment id or its first 4 or more characters"])
        #expect(command("payment ffffffff") == ["no payment id starts with ffffffff"])
        #expect(command("payment 00000000-0000-4000-8000-000000000000") == ["no payment 00000000-0000-4000-8000-000000000000"])
        #expect(command("payment") == ["usage: :payment ID (the whole id or its first 4+ characters)"])
        let prefix = String(payment.id.uuidString.lowercased().prefix(8))
        #expect(run(state, [.keyPressed(.char(":"))] + keys("release \(prefix) checked") + [.keyPressed(.enter)]).0.overlay
            == .confirm(Confirmation(question: "Release \(State.describe(payment))?", confirmLabel: "Release",
                                     action: .release(paymentID: payment.id.uuidString.lowercased(), reason: "checked"))))
    }

    // MARK: - Accounts

    @Test func accountsEnterOpensTheLedgerAndEscapeCloses() {
        let state = PaneBankFixture.state(pane: .accounts)
        let first = state.bank.live.accounts.every[1].id
        let (ledger, _) = run(state, keys("j") + [.keyPressed(.enter)])
        #expect(ledger.accounts.ledger == first)
        let (back, _) = update(ledger, .keyPressed(.escape))
        #expect(back.accounts.ledger == nil)
        #expect(back.accounts.list.cursor == 1)
    }

    @Test func blockAsksForAReasonThenConfirmation() {
        let state = PaneBankFixture.state(pane: .accounts)
        let account = state.bank.live.accounts.every[0]
        let (confirming, _) = run(state, keys("b") + keys("fraud ring") + [.keyPressed(.enter)])
        #expect(confirming.overlay == .confirm(Confirmation(
            question: "Block \(account.id.sortCode) \(account.id.accountNumber) (\(account.holder))?", confirmLabel: "Block",
            action: .block(sortCode: account.id.sortCode.digits, accountNumber: account.id.accountNumber.digits, reason: "fraud ring"))))
    }

    @Test func unblockingAnOpenAccountIsRefusedAtOnce() {
        let (state, effects) = update(PaneBankFixture.state(pane: .accounts), .keyPressed(.char("u")))
        #expect(effects == [])
        #expect(state.overlay == nil)
        #expect(state.toasts.count == 1)
    }

    // MARK: - Time machine

    @Test func leftStepsBackFromNowAndAsksForThatPoint() {
        let state = PaneBankFixture.state(pane: .timeMachine)
        let last = state.timeCount - 1
        let (back, effects) = update(state, .keyPressed(.left))
        #expect(back.time.position == last - 1)
        #expect(effects == [.seek(position: last - 1)])
        let (further, more) = update(back, .keyPressed(.pageUp))
        #expect(further.time.position == last - 101)
        #expect(more == [.seek(position: last - 101)])
        let (start, first) = update(further, .keyPressed(.home))
        #expect(start.time.position == 0)
        #expect(first == [.seek(position: 0)])
        let (now, none) = update(start, .keyPressed(.end))
        #expect(now.time.position == nil)
        #expect(none == [])
    }

    @Test func aSnapshotIsKeptOnlyForThePositionStillShown() async throws {
        var state = PaneBankFixture.state(pane: .timeMachine)
        state.time.position = 700
        let stale = try await PaneBankFixture.snapshot(state, at: 650)
        #expect(update(state, .timeMachineLoaded(stale)).0.time.snapshot == nil)
        let current = try await PaneBankFixture.snapshot(state, at: 700)
        #expect(update(state, .timeMachineLoaded(current)).0.time.snapshot == current)
    }

    @Test func escapeReturnsToNowAndSpacePlaysForward() {
        var state = PaneBankFixture.state(pane: .timeMachine)
        state.time.position = 10
        let (playing, _) = update(state, .keyPressed(.char(" ")))
        #expect(playing.time.playing)
        let (stepped, effects) = update(playing, .tick(PaneBankFixture.now))
        #expect(stepped.time.position == 12)
        #expect(effects == [.seek(position: 12, later: true)])
        let (now, _) = update(stepped, .keyPressed(.escape))
        #expect(now.time.position == nil)
        #expect(!now.time.playing)
    }

    @Test func gGoesToAPositionOrATime() async throws {
        let state = PaneBankFixture.state(pane: .timeMachine)
        let (byPosition, effects) = run(state, keys("g") + keys("1,200") + [.keyPressed(.enter)])
        #expect(byPosition.time.position == 1_200)
        #expect(effects == [.seek(position: 1_200)])
        let target = PaneBankFixture.events[300].created
        let (asked, seek) = run(state, keys("g") + keys(ISO8601DateFormatter().string(from: target)) + [.keyPressed(.enter)])
        let time = try #require(asked.time.seekingTime)
        #expect(seek == [.seekTime(time)])
        // The store answers with the last event stored by then; the slider goes there.
        let answer = try #require(try TimeQuery(asked).read(atTime: time, in: try await PaneBankFixture.store(PaneBankFixture.events)))
        let byTime = update(asked, .timeMachineLoaded(answer)).0
        let position = try #require(byTime.time.position)
        #expect(PaneBankFixture.events[Int(position)].created <= time)
        #expect(PaneBankFixture.events[Int(position) + 1].created > time)
        #expect(byTime.time.snapshot == answer)
        let (refused, none) = run(state, keys("g") + keys("soon") + [.keyPressed(.enter)])
        #expect(none == [])
        #expect(refused.toasts.map(\.text) == ["not a position or a time: soon"])
    }

    // MARK: - Flow

    @Test func slashFiltersTheFlowByState() {
        let state = PaneBankFixture.state()
        let (filtered, _) = run(state, keys("/returned") + [.keyPressed(.enter)])
        #expect(filtered.flow.filter == "returned")
        let rows = FlowRows(filtered.bank.live.payments, filter: "returned")
        #expect(rows.count == filtered.bank.live.payments.count(of: .returned))
        #expect((0..<rows.count).allSatisfy { rows[$0]?.state == .returned })
    }

    @Test func theCursorStaysOnItsPaymentAsNewOnesArrive() {
        let head = Array(PaneBankFixture.events.prefix(1_000))
        var state = PaneBankFixture.state(events: head)
        state = run(state, keys("jjj")).0
        let selected = state.flow.selected
        let rest = Array(PaneBankFixture.events.dropFirst(1_000))
        let (after, _) = update(state, .eventsArrived(rest, head: UInt64(PaneBankFixture.events.count)))
        #expect(after.flow.selected == selected)
        #expect(FlowRows(after.bank.live.payments, filter: "")[after.flow.list.cursor]?.id == selected)
        #expect(after.flow.list.cursor > 3)
    }

    // MARK: - New payment and simulator

    @Test func theNewPaymentFormSendsOnlyWhenValid() {
        let state = PaneBankFixture.state()
        let (open, _) = update(state, .keyPressed(.char("n")))
        guard case .form(let form)? = open.overlay else {
            Issue.record("no form")
            return
        }
        #expect(form.text(.toAccount) == "40-00-00 10000000")
        let (refused, none) = update(open, .keyPressed(.enter))
        #expect(none == [])
        guard case .form(let shown)? = refused.overlay else {
            Issue.record("the form closed")
            return
        }
        #expect(shown.showErrors)
        #expect(shown.focus == .amount)
        let (filled, _) = run(refused, keys("12.50") + [.keyPressed(.tab)] + keys("Ann Smith"))
        let (_, effects) = update(filled, .keyPressed(.enter))
        #expect(effects == [.perform(.pay(InboundPaymentRequest(
            toSortCode: "400000", toAccountNumber: "10000000", amount: "12.50", toName: form.text(.toName), fromName: "Ann Smith",
            fromSortCode: "200000", fromAccountNumber: "58177632", reference: "", scheme: .fps)))])
    }

    @Test func theToNameFollowsTheAccountTypedUnlessTheOperatorChangedIt() throws {
        let state = PaneBankFixture.state()
        let all = state.bank.live.accounts.every
        let (first, second) = (all[0], all[1])
        let formOf = { (state: State) throws -> PaymentForm in
            guard case .form(let form)? = state.overlay else { throw TextFieldTestError.noForm }
            return form
        }
        let (open, _) = run(state, [.keyPressed(.char("n"))])
        #expect(try formOf(open).text(.toName) == first.holder)
        // Retyping the account: the name follows it, and is cleared while it names no account.
        let (cleared, _) = run(open, [.keyPressed(.control("u"))])
        #expect(try formOf(cleared).text(.toName) == "")
        let (retyped, _) = run(cleared, keys("\(second.id.sortCode) \(second.id.accountNumber)"))
        #expect(try formOf(retyped).text(.toName) == second.holder)
        // A name the operator typed stays.
        let (named, _) = run(retyped, [.keyPressed(.tab), .keyPressed(.tab), .keyPressed(.tab), .keyPressed(.control("u"))] + keys("Someone Else")
                              + [.keyPressed(.backTab), .keyPressed(.backTab), .keyPressed(.backTab), .keyPressed(.backspace)])
        #expect(try formOf(named).text(.toName) == "Someone Else")
    }

    private enum TextFieldTestError: Error { case noForm }

    @Test func formFieldsSayWhatIsWrong() {
        let accounts = PaneBankFixture.state().bank.live.accounts
        var form = PaymentForm(toAccount: "12-34")
        #expect(form.error(.toAccount, accounts: accounts) == "sort code and account number, e.g. 40-12-34 12345678")
        form.fields[.toAccount] = TextField("99-99-99 12345678")
        #expect(form.error(.toAccount, accounts: accounts) == "no such account at this bank (PgUp/PgDn picks one)")
        form.fields[.amount] = TextField("0.001")
        #expect(form.error(.amount, accounts: accounts) == "a positive amount, at most 2 decimals")
        form.fields[.fromName] = TextField("Ann <Smith>")
        #expect(form.error(.fromName, accounts: accounts) == "\"<\" is not allowed by the schemes")
        form.fields[.scheme] = TextField("swift")
        #expect(form.error(.scheme, accounts: accounts) == "bacs, fps or chaps")
    }

    @Test func simulatorKeysAskForTheNextSetting() {
        var state = PaneBankFixture.state()
        state.simulator = SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: 200, mix: "default")
        #expect(update(state, .keyPressed(.char("p"))).1 == [.controlSimulator(.pause)])
        #expect(update(state, .keyPressed(.char("+"))).1 == [.controlSimulator(.rate(500))])
        #expect(update(state, .keyPressed(.char("-"))).1 == [.controlSimulator(.rate(100))])
        #expect(update(state, .keyPressed(.char("m"))).1 == [.controlSimulator(.mix("valid"))])
        state.simulator.isPaused = true
        #expect(update(state, .keyPressed(.char("p"))).1 == [.controlSimulator(.resume)])
        let (changed, _) = update(state, .simulatorChanged(SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: 500, mix: "holds")))
        #expect(changed.simulator.summary == "sim ▶ 500/s holds")
    }

    // MARK: - Subscriptions

    @Test func replayAndResetAskFirst() {
        var state = PaneBankFixture.state(pane: .subscriptions)
        state.subscriptions.snapshot = SubscriptionsSnapshot(
            groups: [.shown(group: "inbound", source: "$ce-Payments",
                                          inFlight: 0, acked: 10, retried: 2, parked: 3, lag: 0, lastCheckpoint: 9)],
            projections: [.shown(name: "fraud", source: "$all", position: 10, lag: 0, processed: 10, stateLines: [])],
            unavailable: nil)
        let (replay, _) = update(state, .keyPressed(.char("R")))
        #expect(replay.overlay == .confirm(Confirmation(question: "Replay 3 parked messages of inbound?", confirmLabel: "Replay",
                                                        action: .replayParked(group: "inbound", source: "$ce-Payments"))))
        let (reset, _) = run(state, [.keyPressed(.right), .keyPressed(.char("X"))])
        #expect(reset.overlay == .confirm(Confirmation(question: "Reset fraud and rebuild it from the beginning of time?", confirmLabel: "Reset",
                                                       action: .resetProjection(name: "fraud"))))
    }

    @Test func pageKeysScrollTheSelectedProjectionsStateAndMovingResetsIt() {
        var state = PaneBankFixture.state(pane: .subscriptions)
        state = update(state, .subscriptionsLoaded(PaneBankFixture.subscriptions)).0
        state = run(state, [.keyPressed(.right), .keyPressed(.down)]).0
        #expect(state.subscriptions.projectionCursor == 1)
        state = update(state, .keyPressed(.pageDown)).0
        #expect(state.subscriptions.stateScroll == 8)
        state = update(state, .keyPressed(.end)).0
        #expect(state.subscriptions.stateScroll == 43)
        state = update(state, .keyPressed(.pageUp)).0
        #expect(state.subscriptions.stateScroll == 35)
        state = update(state, .keyPressed(.home)).0
        #expect(state.subscriptions.stateScroll == 0)
        state = run(state, [.keyPressed(.end), .keyPressed(.up)]).0
        #expect(state.subscriptions.projectionCursor == 0)
        #expect(state.subscriptions.stateScroll == 0)
    }
}
