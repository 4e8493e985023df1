import Core
import Foundation
import Store
@testable import ConsoleUI

/// A small bank with the largest amounts the bank takes (£999,999,999,999.99), a balance over
/// £1 M, a payee named on the payment otherwise than the account holder, and a holder whose name
/// carries terminal escape codes: for the screens that must show every amount whole.
enum LargeMoneyFixture {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let rich = AccountID(sortCode: "401234", accountNumber: "10000329")!
    static let million = AccountID(sortCode: "401234", accountNumber: "10000337")!
    static let hostile = AccountID(sortCode: "401234", accountNumber: "10000345")!
    static let heldPayment = UUID(uuidString: "9f3a0000-0000-4000-8000-0000000000c1")!
    static let settledPayment = UUID(uuidString: "7a110000-0000-4000-8000-000000000042")!
    static let hostileName = "Evil\u{1b}[2J\u{1b}[31mName"

    static let events: [RecordedEvent] = {
        var log = RecordedEventLog()
        var second = 0.0
        var ids = 0
        func add<E: BankEventType>(_ event: E, _ stream: BankStream) {
            second += 1
            ids += 1
            // Literal events: failing to encode them is a broken Core, not a test outcome.
            _ = try! log.append(event, to: stream, at: start.addingTimeInterval(second),
                                id: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", ids))!)
        }
        let top = Money(pence: 99_999_999_999_999)
        add(AccountOpened(account: rich, holder: "Katarzyna Abbott-Featherstonehaugh"), .account(rich))
        add(LedgerEntryPosted(account: rich, amount: top, balanceAfter: top, kind: .openingBalance, paymentId: nil,
                              description: "opening balance"), .ledger(rich))
        add(AccountOpened(account: million, holder: "Leo Glass"), .account(million))
        add(LedgerEntryPosted(account: million, amount: Money(pence: 104_954_612), balanceAfter: Money(pence: 104_954_612),
                              kind: .openingBalance, paymentId: nil, description: "opening balance"), .ledger(million))
        add(AccountOpened(account: hostile, holder: hostileName), .account(hostile))
        add(AccountBlocked(account: hostile, reason: "r\u{1b}[31m", by: "op\u{1b}[2J"), .account(hostile))
        // A settled payment of £1,731.00 into the million account.
        let from = PaymentParty(sortCode: "200000", accountNumber: "11112222", name: "Carol Payer")
        let toMillion = PaymentParty(sortCode: "401234", accountNumber: "10000337", name: "Leo Glass")
        let settled = BankStream.payment(.inbound, settledPayment)
        add(InboundPaymentReceived(paymentId: settledPayment, scheme: .fps, amount: "1731.00", from: from, to: toMillion, reference: "rent"), settled)
        add(InboundPaymentValidated(paymentId: settledPayment, amount: Money(pence: 173_100), account: million, accountHolder: "Leo Glass"), settled)
        add(InboundPaymentSanctionsChecked(paymentId: settledPayment, released: false), settled)
        add(InboundPaymentAccountStatusChecked(paymentId: settledPayment, account: million), settled)
        add(LedgerEntryPosted(account: million, amount: Money(pence: 173_100), balanceAfter: Money(pence: 105_127_712),
                              kind: .inboundPayment, paymentId: settledPayment, description: "rent"), .ledger(million))
        add(InboundPaymentBalanceUpdated(paymentId: settledPayment, account: million, amount: Money(pence: 173_100),
                                         balanceAfter: Money(pence: 105_127_712), ledgerVersion: 1), settled)
        // The largest payment, held: the payment names "K. Abbott", our holder is the long name.
        let badman = PaymentParty(sortCode: "200000", accountNumber: "33334444", name: "Ivan Badman")
        let toRich = PaymentParty(sortCode: "401234", accountNumber: "10000329", name: "K. Abbott")
        let held = BankStream.payment(.inbound, heldPayment)
        add(InboundPaymentReceived(paymentId: heldPayment, scheme: .chaps, amount: "999999999999.99", from: badman, to: toRich, reference: "gift"), held)
        add(InboundPaymentValidated(paymentId: heldPayment, amount: top, account: rich, accountHolder: "Katarzyna Abbott-Featherstonehaugh"), held)
        add(InboundPaymentHeld(paymentId: heldPayment, matches: [
            ScreeningMatch(role: .originator, name: "Ivan Badman", matched: "Ivan Badman", entryId: "SN-0001", entryName: "Ivan Badman", score: 1.0),
        ], threshold: 0.9), held)
        return log.events
    }()

    static func state(width: Int, height: Int, pane: PaneID, glyphs: Glyphs = .unicode) -> State {
        var state = State(size: Size(width: width, height: height), glyphs: glyphs, now: start.addingTimeInterval(60))
        state.pane = pane
        state.simulator = SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: 5, mix: "default")
        state = update(state, .eventsArrived(events, head: UInt64(events.count))).0
        state.bank.finishedRate = RateMeter()
        state.eventRate = RateMeter()
        return state
    }

    /// The time machine at `position`, worked out as the runner would.
    static func timeMachine(width: Int, height: Int, at position: UInt64, glyphs: Glyphs = .unicode) async throws -> State {
        var state = Self.state(width: width, height: height, pane: .timeMachine, glyphs: glyphs)
        state.time.position = position
        var snapshot = try TimeQuery(state).read(at: position, in: try await PaneBankFixture.store(events))
        snapshot.event = nil
        state.time.snapshot = snapshot
        return state
    }
}
