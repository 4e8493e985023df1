import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// A page of the accounts list that cannot be read (here: its page file overwritten with zeros
/// after it was written) is said where the console needed it — on the pane, in the payment
/// form, in a toast — never shown as an empty list or as "no such account".
@Suite struct UnreadableAccountsTests {
    /// The bank fixture folded into an accounts list kept in pages on disk (merged after every
    /// change but one), then every byte of those pages zeroed; the directory to remove after.
    static func damaged(pane: PaneID) throws -> (State, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unreadable-accounts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var overview = FileReadModelStateStore(directory: directory, overlayLimit: 1).emptyOverview(window: 50)
        for event in PaneBankFixture.events { try overview.apply(event) }
        // In place: the list keeps its page file open, and reads it again for every page.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let handle = try FileHandle(forUpdating: directory.appendingPathComponent(name))
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: Data(count: Int(size)))
            try handle.close()
        }
        var state = State(size: Size(width: 100, height: 30), glyphs: .unicode, now: PaneBankFixture.now)
        state.bank = BankFold(live: overview)
        state.pane = pane
        return (state, directory)
    }

    /// The first account the fixture opened.
    static func firstAccount() throws -> AccountID {
        let opened = try #require(PaneBankFixture.events.first { $0.type == AccountOpened.eventType })
        guard case .accountOpened(let event) = try BankEvent.decode(opened) else { throw Unexpected.notAnOpening }
        return event.account
    }

    enum Unexpected: Error { case notAnOpening }

    @Test func theTimeMachineSaysTheListCannotBeReadInsteadOfListingNothing() throws {
        let (state, directory) = try Self.damaged(pane: .timeMachine)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = render(state).lines
        #expect(lines.contains { $0.contains("│ the accounts list cannot be read: ") })
    }

    @Test func openingThePaymentFormSaysWhyNoAccountIsFilledIn() throws {
        let (state, directory) = try Self.damaged(pane: .flow)
        defer { try? FileManager.default.removeItem(at: directory) }
        let opened = update(state, .keyPressed(.char("n"))).0
        guard case .form(let form)? = opened.overlay else { Issue.record("the form did not open"); return }
        #expect(form.text(.toAccount).isEmpty)
        #expect(opened.toasts.count == 1)
        #expect(opened.toasts.first?.kind == .failure)
        #expect(opened.toasts.first?.text.hasPrefix("the accounts list cannot be read: ") == true)
    }

    @Test func theFormsAccountFieldSaysTheListCannotBeReadNotThatTheAccountIsMissing() throws {
        let (state, directory) = try Self.damaged(pane: .flow)
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = try Self.firstAccount()
        let form = PaymentForm(toAccount: "\(id.sortCode) \(id.accountNumber)")
        let problem = try #require(form.error(.toAccount, accounts: state.bank.live.accounts))
        #expect(problem.hasPrefix("the accounts list cannot be read: "))
    }

    @Test func aLedgerWhoseAccountCannotBeReadSaysSoInItsBox() throws {
        var (state, directory) = try Self.damaged(pane: .accounts)
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = try Self.firstAccount()
        state.accounts.ledger = id
        let lines = render(state).lines
        #expect(lines[1].hasPrefix("┌ Ledger \(id.sortCode) \(id.accountNumber) "))
        #expect(lines[2].hasPrefix("│  the accounts list cannot be read: "))
    }
}
