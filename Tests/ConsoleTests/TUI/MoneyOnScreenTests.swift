import Core
import Foundation
import Testing
@testable import ConsoleUI

/// Issue 16 item 3: an amount is never cut off. Columns are as wide as the widest amount on
/// screen, up to £999,999,999,999.99, and a name gives way instead.
@Suite struct MoneyOnScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    static func text(_ state: State) -> String { render(state).lines.joined(separator: "\n") }

    static func money(_ pence: Int64, ascii: Bool) -> String { Text.money(pence: pence, ascii: ascii) }

    @Test(arguments: sizes, [false, true])
    func theFlowShowsTheLargestAmountWhole(size: (Int, Int), ascii: Bool) {
        let screen = Self.text(LargeMoneyFixture.state(width: size.0, height: size.1, pane: .flow, glyphs: ascii ? .ascii : .unicode))
        #expect(screen.contains(Self.money(99_999_999_999_999, ascii: ascii)))
        #expect(screen.contains(Self.money(173_100, ascii: ascii)))
    }

    @Test(arguments: sizes, [false, true])
    func theHeldListShowsTheLargestAmountWholeAndKeepsThePaymentID(size: (Int, Int), ascii: Bool) {
        let state = LargeMoneyFixture.state(width: size.0, height: size.1, pane: .held, glyphs: ascii ? .ascii : .unicode)
        let row = render(state).lines[2]
        #expect(row.contains(Self.money(99_999_999_999_999, ascii: ascii)))
        #expect(row.contains(ascii ? "9f3a~c1" : "9f3a…c1"))
    }

    @Test(arguments: sizes, [false, true])
    func theAccountsListShowsEveryBalanceWhole(size: (Int, Int), ascii: Bool) {
        let screen = Self.text(LargeMoneyFixture.state(width: size.0, height: size.1, pane: .accounts, glyphs: ascii ? .ascii : .unicode))
        #expect(screen.contains(Self.money(99_999_999_999_999, ascii: ascii)))
        #expect(screen.contains(Self.money(105_127_712, ascii: ascii)))
    }

    @Test(arguments: sizes, [false, true])
    func theLedgerShowsTheLargestAmountAndBalanceWhole(size: (Int, Int), ascii: Bool) async throws {
        var state = LargeMoneyFixture.state(width: size.0, height: size.1, pane: .accounts, glyphs: ascii ? .ascii : .unicode)
        state = update(state, .keyPressed(.enter)).0
        let id = try #require(state.accounts.ledger)
        state = update(state, .ledgerLoaded(LedgerPage.read(id, in: try await PaneBankFixture.store(LargeMoneyFixture.events)))).0
        let lines = render(state).lines
        let top = Self.money(99_999_999_999_999, ascii: ascii)
        #expect(lines[0].contains("balance " + top) || lines[1].contains("balance " + top))
        #expect(lines[3].components(separatedBy: top).count == 3, "amount and balance both whole: \(lines[3])")
    }

    @Test(arguments: sizes, [false, true])
    func theTimeMachineShowsABalanceOverAMillionWhole(size: (Int, Int), ascii: Bool) async throws {
        // After the million account's opening (position 3): £1,049,546.12.
        let screen = Self.text(try await LargeMoneyFixture.timeMachine(width: size.0, height: size.1, at: 3, glyphs: ascii ? .ascii : .unicode))
        #expect(screen.contains(Self.money(104_954_612, ascii: ascii)))
        #expect(screen.contains(Self.money(99_999_999_999_999, ascii: ascii)))
    }

    @Test(arguments: sizes)
    func theTimelineShowsTheLargestAmountWholeInItsTitleAndEvents(size: (Int, Int)) throws {
        var state = LargeMoneyFixture.state(width: size.0, height: size.1, pane: .held)
        let payment = try #require(state.heldRows.first)
        let entries = payment.positions.map { position in
            let event = LargeMoneyFixture.events[Int(position)]
            let heading = EventHeading(stream: event.stream, version: event.version, position: position, type: event.type, created: event.created)
            return PaymentTimeline.Entry(event: heading, id: event.id.uuidString.lowercased(), causationId: nil, causedBy: nil,
                                         actor: nil, summary: StoreReader.digest(event.data))
        }
        state = update(state, .keyPressed(.enter)).0
        state = update(state, .timelineLoaded(PaymentTimeline(paymentID: payment.id, entries: entries))).0
        let lines = render(state).lines
        #expect(lines.contains { $0.contains("┌ Payment ") && $0.contains(" held ● £999,999,999,999.99 to Katarzyna") })
        #expect(lines.contains { $0.contains("\"amount\":\"999999999999.99\"") })
    }

    @Test func theTimeMachineAt120x40MatchesGolden() async throws {
        expectGolden(render(try await LargeMoneyFixture.timeMachine(width: 120, height: 40, at: 3)), "money-time-120x40")
    }

    @Test func theTimeMachineAt80x24InASCIIMatchesGolden() async throws {
        expectGolden(render(try await LargeMoneyFixture.timeMachine(width: 80, height: 24, at: 3, glyphs: .ascii)), "money-time-80x24-ascii")
    }

    @Test func theHeldQueueAt80x24InASCIIMatchesGolden() {
        expectGolden(render(LargeMoneyFixture.state(width: 80, height: 24, pane: .held, glyphs: .ascii)), "money-held-80x24-ascii")
    }

    @Test func theHeldQueueAt120x40MatchesGolden() {
        expectGolden(render(LargeMoneyFixture.state(width: 120, height: 40, pane: .held)), "money-held-120x40")
    }

    @Test func theFlowAt80x24InASCIIMatchesGolden() {
        expectGolden(render(LargeMoneyFixture.state(width: 80, height: 24, pane: .flow, glyphs: .ascii)), "money-flow-80x24-ascii")
    }

    @Test func theAccountsAt80x24MatchGolden() {
        expectGolden(render(LargeMoneyFixture.state(width: 80, height: 24, pane: .accounts)), "money-accounts-80x24")
    }
}
