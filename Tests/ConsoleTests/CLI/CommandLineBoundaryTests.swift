import Core
import Foundation
import Store
import Testing
@testable import Console

/// What the command line lets through: numbers in range, no terminal control characters, no
/// empty data directory, and messages that never echo a huge argument whole.
@Suite struct CommandLineBoundaryTests {
    var cli = CLIHarness()

    init() async throws {
        try await CLIBankFixture.write(to: cli.store())
    }

    @Test(arguments: [
        ("read $all --from 99999999999999999999", "bank-console read: --from must be a whole number from 0 to 9223372036854775807, not '99999999999999999999' (see 'bank-console read --help')\n"),
        ("read $all --count -1", "bank-console read: --count must be a whole number from 0 to 9223372036854775807, not '-1' (see 'bank-console read --help')\n"),
        ("event $all --position 1.5", "bank-console event: --position must be a whole number from 0 to 9223372036854775807, not '1.5' (see 'bank-console event --help')\n"),
        ("event Accounts-401234-12345706 1e3", "bank-console event: VERSION must be a whole number from 0 to 9223372036854775807, not '1e3' (see 'bank-console event --help')\n"),
        ("balance 401234 12345706 --at 18446744073709551615", "bank-console balance: --at must be a whole number from 0 to 9223372036854775807, not '18446744073709551615' (see 'bank-console balance --help')\n"),
        ("replay-parked g --count x", "bank-console replay-parked: --count must be a whole number from 0 to 9223372036854775807, not 'x' (see 'bank-console replay-parked --help')\n"),
    ])
    func everyNumberFromTheCommandLineIsRangeChecked(line: String, message: String) async {
        let run = await cli.run(line)
        #expect(run.status == 2)
        #expect(run.errors == message)
    }

    @Test func controlCharactersInAPositionalAreRefused() async {
        let run = await cli.run(["sanctions", "add", "Evil\u{1B}[2J\u{1B}[31mName"])
        #expect(run.status == 2)
        #expect(run.errors == #"bank-console sanctions: NAME must not contain control characters (\u{1B} at character 5 of 'Evil\u{1B}[2J\u{1B}[31mName') (see 'bank-console sanctions --help')"# + "\n")
        #expect(!run.errors.contains("\u{1B}"))
    }

    @Test(arguments: [["block", "401234", "12345706", "--reason", "r\u{1B}[31m"], ["block", "401234", "12345706", "--by", "op\u{1B}[2J"],
                      ["sanctions", "add", "Someone", "--aliases", "A\u{7}B"], ["reject", "22222507-2222-4222-8222-222222222222", "--reason=a\rb"]])
    func controlCharactersInAnOptionAreRefusedAndNothingIsWritten(arguments: [String]) async {
        let head = cli.store().headPosition
        let run = await cli.run(arguments)
        #expect(run.status == 2)
        #expect(run.errors.contains("must not contain control characters"))
        #expect(!run.errors.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(cli.store().headPosition == head)
    }

    @Test func jsonOptionsMayBeIndentedOnSeveralLines() throws {
        #expect(ArgumentValue.json.check("{\n\t\"a\": 1\r\n}", as: "--data") == nil)
        #expect(ArgumentValue.json.check("{\"a\": \"\u{1B}\"}", as: "--data") == #"--data must not contain control characters (\u{1B} at character 8 of '{"a": "\u{1B}"}')"#)
    }

    @Test func controlCharactersFromTheLogAreEscapedInOutput() async throws {
        let evil = AccountID(sortCode: "401234", accountNumber: "66666809")!
        try await CLIBankFixture.append(AccountOpened(account: evil, holder: "Evil\u{1B}[2J"), to: .account(evil), in: cli.store())
        let run = await cli.run("account 401234 66666809")
        #expect(run.status == 0)
        #expect(run.output.contains(#"Evil\u{1B}[2J"#))
        #expect(!run.output.contains("\u{1B}"))
    }

    @Test func anEmptyStorePathIsRefused() async {
        let run = await cli.run(["accounts", "--store", ""])
        #expect(run.status == 2)
        #expect(run.errors == "bank-console accounts: --store must not be empty (see 'bank-console accounts --help')\n")
        #expect(await cli.run(["--store=", "seed"]).status == 2)
    }

    @Test func aHugeArgumentIsCutInMessages() async {
        let huge = String(repeating: "x", count: 131_072)
        let run = await cli.run(["read", "Nope-" + huge])
        #expect(run.status == 1)
        #expect(run.errors.count < 300)
        #expect(run.errors.contains("Nope-" + String(repeating: "x", count: 75) + "… (131077 bytes)"))
        let unknown = await cli.run(["read", "$all", "--" + huge])
        #expect(unknown.status == 2)
        #expect(unknown.errors == "bank-console read: unknown option '--" + String(repeating: "x", count: 78) + "… (131074 bytes)' (see 'bank-console read --help')\n")
    }
}
