import Testing
@testable import ConsoleUI

/// How the payment list shares its width between FROM, TO and REASON.
@Suite struct FlowColumnsTests {
    typealias Columns = FlowView.Columns

    @Test func aWideListShowsWholeNamesAccountsAndReasonsAndPadsReason() {
        let columns = Columns(width: 158, natural: Columns.Natural(from: 17, toName: 19, toWide: 37, reason: 40))
        #expect(columns.wide)
        #expect([columns.from, columns.to, columns.reason] == [20, 40, 49])
    }

    @Test func at120ColumnsTOKeepsItsAccountAndReasonTakesTheRest() {
        let columns = Columns(width: 118, natural: Columns.Natural(from: 17, toName: 19, toWide: 37, reason: 57))
        #expect(columns.wide)
        #expect([columns.from, columns.to, columns.reason] == [17, 37, 15])
    }

    @Test func at80ColumnsNamesShareTheRoomAndReasonIsDropped() {
        let columns = Columns(width: 78, natural: Columns.Natural(from: 17, toName: 19, toWide: 37, reason: 0))
        #expect(!columns.wide)
        #expect([columns.from, columns.to, columns.reason] == [14, 15, 0])
    }

    @Test func at80ColumnsAnAccountInFROMStaysWholeAndTOGivesWay() {
        let columns = Columns(width: 78, natural: Columns.Natural(from: 17, toName: 19, toWide: 37, reason: 9, fromAccount: 17))
        #expect(!columns.wide)
        #expect([columns.from, columns.to, columns.reason] == [17, 12, 0])
    }

    @Test func anAccountInFROMIsNotCutToSixteenToKeepTOsAccount() {
        // Room for FROM 16, TO with its account and REASON, but not FROM 17: TO gives up its account instead.
        let columns = Columns(width: 100, natural: Columns.Natural(from: 17, toName: 12, toWide: 30, reason: 5, fromAccount: 17))
        #expect(!columns.wide)
        #expect([columns.from, columns.to, columns.reason] == [17, 12, 22])
    }

    @Test func at80ColumnsAnOutboundRowShowsItsWholeFromAccount() throws {
        var state = PaneBankFixture.state(width: 80, height: 24)
        state.flow.filter = "accepted"
        let rows = FlowState.rows(state.bank.live.payments, filter: state.flow.filter)
        let payment = try #require(rows.first)
        #expect(payment.direction == .outbound)
        let lines = render(state).lines
        // The header, then the newest accepted payment: FROM is our account, sort code and all eight digits.
        #expect(Array(lines[7...8]) == [
            "│     AGE  PAYMENT  DIR STATE           AMOUNT  FROM              TO           │",
            "│▸    56s  d52c…1f  out accepted       £462.33  40-00-00 10000012 Chloe Abbott │",
        ])
        #expect(FlowView.from(payment) == "40-00-00 10000012")
    }

    @Test func shortContentIsNotStretchedAcrossTheRow() {
        let columns = Columns(width: 158, natural: Columns.Natural(from: 9, toName: 9, toWide: 27, reason: 0))
        #expect([columns.from, columns.to, columns.reason] == [12, 28, 0])
    }
}

/// The pipeline box never cuts a count off: at any width the steps and every end state are
/// on screen (the end states get a row of their own when one row cannot hold them all).
@Suite struct PipelineCountsTests {
    @Test func everyCountIsOnScreenAtEveryWidth() {
        var state = PaneBankFixture.state(width: 120, height: 40)
        let flow = state.bank.live.payments
        let ends = FlowView.endCounts(flow)
        #expect(ends.contains { $0.0 == .accepted && $0.1 > 0 }, "the fixture has outbound payments at rest")
        for width in 80...200 {
            state.size = Size(width: width, height: 40)
            let text = render(state).lines.joined(separator: "\n")
            for (state, count) in FlowView.stepCounts(flow) + ends {
                #expect(text.contains("\(state.rawValue) \(Text.count(count))"), "\(state.rawValue) missing at width \(width)")
            }
        }
    }
}
