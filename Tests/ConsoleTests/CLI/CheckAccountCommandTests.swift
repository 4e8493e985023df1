import Foundation
import Store
import Testing
@testable import Console

@Suite struct CheckAccountCommandTests {
    var cli = CLIHarness()

    @Test func aValidAccountExitsZeroNamingTheChecks() async {
        let run = await cli.run("check-account 40-12-34 10000329")
        #expect(run.status == 0)
        #expect(run.output == "40-12-34 10000329: valid: passes MOD11 and DBLAL\n")
    }

    @Test func anInvalidAccountExitsOneNamingTheFailedCheck() async {
        let run = await cli.run("check-account 401234 10000001")
        #expect(run.status == 1)
        #expect(run.output == "40-12-34 10000001: invalid: fails modulus check: MOD11 remainder 1 (total 1)\n")
        let json = await cli.run("check-account 203099 66831036 --json")
        #expect(json.status == 1)
        #expect(json.output == #"{"sortCode":"203099","accountNumber":"66831036","valid":false,"reason":"fails modulus check: DBLAL (exception 6) remainder 1 (total 61)"}"# + "\n")
    }

    @Test func aSortCodeWithoutARuleIsValidAndSaysItWasNotChecked() async {
        let run = await cli.run("check-account 000000 12345678 --json")
        #expect(run.status == 0)
        #expect(run.output == #"{"sortCode":"000000","accountNumber":"12345678","valid":true,"reason":"no modulus rule for the sort code: it cannot be checked and is treated as valid"}"# + "\n")
    }

    @Test func malformedInputExitsTwoWithOneLineAndNoStore() async {
        let short = await cli.run("check-account 4012 10000329")
        #expect(short.status == 2)
        #expect(short.errors == "bank-console check-account: malformed sort code \"4012\": expected 6 digits, e.g. 40-12-34 (see 'bank-console check-account --help')\n")
        let letters = await cli.run("check-account 401234 1000032x")
        #expect(letters.status == 2)
        #expect(letters.errors.split(separator: "\n").count == 1)
        #expect(await cli.run("check-account 401234").status == 2)
        // No store was opened (or created) for a check.
        guard case .missing = cli.stores.inspect(cli.workingDirectory.appendingPathComponent("bank-data").standardizedFileURL) else {
            Issue.record("check-account created a store")
            return
        }
    }

    @Test func sendingToAnAccountFailingTheCheckIsRefusedAndWritesNothing() async throws {
        var seeded = CLIHarness()
        seeded.seedsNewStores = true
        let run = await seeded.run("send --from 401234 10000329 --to 601234 12345678 --amount 5")
        #expect(run.status == 1)
        #expect(run.errors == "bank-console send: fails modulus check: beneficiary account 60-12-34 12345678: MOD11 remainder 10 (total 120)\n")
        let types = try seeded.store().read(.all).map(\.type)
        #expect(!types.isEmpty)
        #expect(!types.contains("OutboundPaymentRequested"))
    }
}
