import Core
import Foundation
import Store
import Testing
@testable import Console

@Suite struct BankReadCommandTests {
    let cli = CLIHarness()

    init() async throws {
        try await CLIBankFixture.write(to: cli.store())
    }

    @Test func accountsListsHolderStatusAndBalanceInPounds() async {
        #expect(await cli.run("accounts").lines == [
            "SORT CODE  ACCOUNT   HOLDER         STATUS   BALANCE",
            "40-12-34   12345706  Alice Example  open     £112.34",
            "40-12-34   87654529  Bob Example    blocked    £0.00",
            "2 accounts",
        ])
        #expect(await cli.run("accounts --json").output == """
            [{"sortCode":"401234","accountNumber":"12345706","name":"Alice Example","status":"open","balance":"112.34"},\
            {"sortCode":"401234","accountNumber":"87654529","name":"Bob Example","status":"blocked","balance":"0.00"}]

            """)
    }

    @Test func balanceAsOfAPositionIsTheStateAfterTheEventThere() async {
        // The log holds positions 0 to 13: now is "as of position 13", the last event.
        #expect(await cli.run("balance 40-12-34 12345706 --json").output
            == #"{"sortCode":"401234","accountNumber":"12345706","name":"Alice Example","status":"open","balance":"112.34","asOfPosition":13}"# + "\n")
        #expect(await cli.run("balance 401234 12345706 --at 2 --json").output
            == #"{"sortCode":"401234","accountNumber":"12345706","name":"Alice Example","status":"open","balance":"100.00","asOfPosition":2}"# + "\n")
        // Position 0 is the first event (the account's opening): included.
        #expect(await cli.run("balance 401234 12345706 --at 0").output == "40-12-34 12345706 Alice Example: £0.00 as of position 0 (2026-05-28T20:26:40.000Z)\n")
        // Past the end of the log: the whole log, and it says so.
        let past = await cli.run("balance 401234 12345706 --at 999999").output
        #expect(past.hasPrefix("40-12-34 12345706 Alice Example: £112.34 as of position 13 ("))
        #expect(past.hasSuffix(") (the log ends at position 13)\n"))
        #expect(await cli.run("balance 401234 12345706 --at 13").output.contains("the log ends") == false)
        #expect(await cli.run("balance 401234 12345706 --at 13").output.hasPrefix("40-12-34 12345706 Alice Example: £112.34 as of position 13 ("))
    }

    @Test func balanceAsOfATimeIsTheStateAfterTheLastEventStoredByThen() async {
        let run = await cli.run("balance 401234 12345706 --at-time 2020-01-01T00:00:00Z --json")
        #expect(run.output.hasSuffix(#""balance":"0.00","asOfPosition":null,"openedYet":false}"# + "\n"))
        #expect(await cli.run("balance 401234 12345706 --at-time 2020-01-01T00:00:00Z").output
            == "40-12-34 12345706 Alice Example: £0.00 before the first event (not opened yet)\n")
        let now = await cli.run("balance 401234 12345706 --at-time 2030-01-01T00:00:00Z")
        #expect(now.output.hasPrefix("40-12-34 12345706 Alice Example: £112.34 as of position 13 ("))
    }

    @Test func badAccountInputIsOneLineAndExitOne() async {
        #expect(await cli.run("balance 4012 12345678")
            == .init(status: 1, output: "", errors: "bank-console balance: malformed sort code \"4012\": expected 6 digits, e.g. 40-12-34\n"))
        #expect(await cli.run("account 401234 1234")
            == .init(status: 1, output: "", errors: "bank-console account: malformed account number \"1234\": expected 8 digits\n"))
        #expect(await cli.run("balance 401234 99990119")
            == .init(status: 1, output: "", errors: "bank-console balance: no account 40-12-34 99990119 at this bank\n"))
        #expect(await cli.run("balance 401234 12345706 --at-time yesterday").errors
            == "bank-console balance: --at-time must be an ISO 8601 time such as 2026-11-26T17:00:00Z, not 'yesterday'\n")
        #expect(await cli.run("balance 401234 12345706 --at 1 --at-time 2020-01-01T00:00:00Z").status == 2)
    }

    @Test func accountShowsItsLedgerWithRunningBalances() async {
        let run = await cli.run("account 401234 12345706")
        #expect(run.lines == [
            "account  40-12-34 12345706",
            "holder   Alice Example",
            "status   open",
            "balance  £112.34",
            "opened   2026-05-28T20:26:40.000Z",
            "",
            "POSITION  CREATED                    AMOUNT  BALANCE  DESCRIPTION",
            "       1  2026-05-28T20:26:40.000Z  £100.00  £100.00  opening balance",
            "       9  2026-05-28T20:26:40.000Z   £12.34  £112.34  rent",
        ])
    }

    @Test func heldListsTheEvidence() async {
        #expect(await cli.run("held").lines == [
            "HELD AT                   ID                                       AMOUNT  OUR ACCOUNT                      EVIDENCE",
            "2026-05-28T20:26:40.000Z  22222507-2222-4222-8222-222222222222  £1,500.00  40-12-34 12345706 Alice Example  Ivan Badman ~ Ivan Badman (SN-0001) score 100",
            "1 held payment",
        ])
        let json = await cli.run("held --json").output
        #expect(json.contains(#""state":"held""#))
        #expect(json.contains(#""evidence":[{"name":"Ivan Badman","matched":"Ivan Badman","score":1.00,"#))
    }

    @Test func paymentShowsItsStateAndEvents() async throws {
        let run = await cli.run("payment 11111299-1111-4111-8111-111111111111 --json")
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["state"] as? String == "settled")
        #expect(object["direction"] as? String == "inbound")
        #expect(object["amount"] as? String == "12.34")
        #expect((object["events"] as? [[String: Any]])?.map { $0["type"] as? String } == [
            "InboundPaymentReceived", "InboundPaymentValidated", "InboundPaymentSanctionsChecked",
            "InboundPaymentAccountStatusChecked", "InboundPaymentBalanceUpdated",
        ])
        // Text output names the scheme as the console does (FPS); JSON keeps its value.
        #expect(await cli.run("payment 11111299-1111-4111-8111-111111111111").lines.contains { $0.hasPrefix("scheme ") && $0.hasSuffix(" FPS") })
        #expect(object["scheme"] as? String == "Fps")
        #expect(await cli.run("payment 33333418-3333-4333-8333-333333333333")
            == .init(status: 1, output: "", errors: "bank-console payment: no payment 33333418-3333-4333-8333-333333333333\n"))
        #expect(await cli.run("payment nope").errors == "bank-console payment: malformed payment id \"nope\": expected a UUID\n")
    }

    @Test func sanctionsListsNamesAndAliases() async {
        #expect(await cli.run("sanctions").lines == ["ENTRY    NAME         ALIASES", "SN-0001  Ivan Badman  I. Badman", "1 sanctioned name"])
        #expect(await cli.run("sanctions --json").output == #"[{"entryId":"SN-0001","name":"Ivan Badman","aliases":["I. Badman"]}]"# + "\n")
    }
}
