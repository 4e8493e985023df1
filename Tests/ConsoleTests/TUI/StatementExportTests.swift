import Foundation
import Store
import Testing
@testable import ConsoleUI
@testable import Core

/// `e` in a ledger writes the account's statement as CSV, the same lines as `ledger --csv`.
@Suite struct StatementExportTests {
    @Test func theStatementIsWrittenPrivatelyAndNeverOverwritten() async throws {
        let clock = ManualClock()
        let bank = try await Bank(store: MemoryEventStore(clock: clock), clock: clock, configuration: BankConfiguration(subscriptionTick: nil))
        try await bank.startProcessors()
        _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "12.50"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = AccountID(sortCode: "401234", accountNumber: "10000329")!
        let at = Date(timeIntervalSince1970: 1_780_000_000)
        let first = try StatementExport.write(id, from: bank.store, to: directory, at: at)
        let second = try StatementExport.write(id, from: bank.store, to: directory, at: at)
        #expect(first.entries == 2)
        #expect(first.path.hasSuffix("/statement-401234-10000329-20260528T202640.csv"))
        #expect(second.path.hasSuffix("/statement-401234-10000329-20260528T202640-2.csv"))
        let text = try String(contentsOfFile: first.path, encoding: .utf8)
        let expected = try LedgerStatement.read(id, from: nil, to: nil, in: bank.store).csvLines
        #expect(text == expected.joined(separator: "\n") + "\n")
        #expect(text.hasPrefix("position,created,amount,balance,kind,paymentId,description\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: first.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await bank.close()
    }

    @Test func eInAnOpenLedgerAsksForTheExport() {
        var state = PaneBankFixture.state(width: 120)
        let id = AccountID(sortCode: "401234", accountNumber: "10000329")!
        state.pane = .accounts
        _ = state.openLedger(id)
        let effects = state.handleAccountsKey(.char("e"))
        #expect(effects == [.exportStatement(id)])
    }
}
