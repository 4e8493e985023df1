import Foundation
import Store
import Testing
@testable import Console

/// `ledger`: an account's statement from the command line.
@Suite struct LedgerCommandTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    @Test func theStatementsRunningBalanceEndsAtTheAccountsBalance() async {
        _ = await cli.run("pay --to 401234 10000329 --amount 10")
        _ = await cli.run("pay --to 401234 10000329 --amount 2.50")
        let statement = await cli.run("ledger 40-12-34 10000329")
        #expect(statement.status == 0)
        #expect(statement.lines.first == "40-12-34 10000329 Ada Whitlock")
        #expect(statement.lines[1] == "opening balance £0.00")
        #expect(statement.lines.last == "closing balance £12,512.50 (3 entries)")
        #expect(await cli.run("balance 401234 10000329").output == "40-12-34 10000329 Ada Whitlock: £12,512.50\n")
        let csv = await cli.run("ledger 401234 10000329 --csv")
        #expect(csv.lines.first == "position,created,amount,balance,kind,paymentId,description")
        #expect(csv.lines.dropFirst().map { $0.split(separator: ",")[3] } == ["12500.00", "12510.00", "12512.50"])
        let json = await cli.run("ledger 401234 10000329 --json --from 2999-01-01T00:00:00Z")
        #expect(json.output.hasSuffix(#""opening":"12512.50","closing":"12512.50","entries":[]}"# + "\n"))
    }

    @Test func badInputIsOneLineAndExitCodeTwoOrOne() async {
        _ = await cli.run("seed")
        #expect(await cli.run("ledger 401234 10000329 --from soon").status == 2)
        #expect(await cli.run("ledger 401234 10000329 --from 2030-01-01T00:00:00Z --to 2020-01-01T00:00:00Z").status == 2)
        #expect(await cli.run("ledger 401234 10000329 --csv --json").status == 2)
        #expect(await cli.run("ledger 4012 10000329").status == 1) // as balance: a malformed account is refused
        let unknown = await cli.run("ledger 401234 99999999")
        #expect(unknown == .init(status: 1, output: "", errors: "bank-console ledger: no account 40-12-34 99999999 at this bank\n"))
    }
}
