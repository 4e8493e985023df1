import Testing
@testable import Console

@Suite struct ArgumentParserTests {
    let parser = ArgumentParser(
        commands: [
            "read": CommandSpec(name: "read", usage: [], summary: "", positionals: [PositionalSpec(name: "STREAM")],
                                options: [OptionSpec("from", ["N"], help: ""), OptionSpec("backward", help: "")]),
            "release": CommandSpec(name: "release", usage: [], summary: "", positionals: [PositionalSpec(name: "ID")],
                                   options: [OptionSpec("reason", ["TEXT"], help: "")]),
            "seed": CommandSpec(name: "seed", usage: [], summary: ""),
            "pay": CommandSpec(name: "pay", usage: [], summary: "",
                               options: [OptionSpec("to", ["SORTCODE", "ACCOUNT"], help: ""), OptionSpec("amount", ["X"], help: "")]),
            "sanctions": CommandSpec(name: "sanctions", usage: [], summary: "",
                                     positionals: [PositionalSpec(name: "ACTION", isOptional: true),
                                                   PositionalSpec(name: "NAME", isOptional: true, isVariadic: true)]),
        ],
        consoleOptions: [OptionSpec("store", ["DIR"], help: ""), OptionSpec("theme", ["NAME"], help: "")])

    func parse(_ line: String) throws(UsageError) -> Invocation {
        try parser.parse(line.split(separator: " ").map(String.init))
    }

    func error(_ line: String) -> String? {
        do {
            _ = try parse(line)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func optionsAfterTheCommandAreParsed() throws {
        #expect(try parse("read Payments-1 --from 3 --backward")
            == .command(name: "read", ParsedArguments(positionals: ["Payments-1"], options: ["from": ["3"], "backward": []])))
    }

    @Test func optionsBeforeTheCommandAreParsedWithTheCommandsGrammar() throws {
        #expect(try parse("--from=3 --store /tmp/x read Payments-1 --json")
            == .command(name: "read", ParsedArguments(positionals: ["Payments-1"],
                                                      options: ["from": ["3"], "store": ["/tmp/x"], "json": []])))
    }

    @Test func aValueThatIsACommandNameIsNotTakenForTheCommand() throws {
        #expect(try parse("--reason seed release 42")
            == .command(name: "release", ParsedArguments(positionals: ["42"], options: ["reason": ["seed"]])))
    }

    @Test func aMultiValueOptionTakesItsValuesSeparatelyOrAfterEquals() throws {
        let expected = Invocation.command(name: "pay", ParsedArguments(options: ["to": ["401234", "12345706"], "amount": ["12.34"]]))
        #expect(try parse("pay --to 401234 12345706 --amount 12.34") == expected)
        #expect(try parse("pay --to=401234 12345706 --amount=12.34") == expected)
    }

    @Test func aVariadicPositionalJoinsTheRestWithSpaces() throws {
        #expect(try parse("sanctions add Ivan Petrov")
            == .command(name: "sanctions", ParsedArguments(positionals: ["add", "Ivan Petrov"])))
        #expect(try parse("sanctions") == .command(name: "sanctions", ParsedArguments()))
    }

    @Test func doubleDashEndsOptions() throws {
        #expect(try parse("read -- --odd-name")
            == .command(name: "read", ParsedArguments(positionals: ["--odd-name"])))
    }

    @Test func aDashAndNegativeNumbersArePositionals() throws {
        #expect(try parse("read -") == .command(name: "read", ParsedArguments(positionals: ["-"])))
        #expect(try parse("pay --amount -5") == .command(name: "pay", ParsedArguments(options: ["amount": ["-5"]])))
    }

    @Test func helpIsFoundAnywhereAndWinsOverMissingArguments() throws {
        #expect(try parse("read --help") == .help(command: "read"))
        #expect(try parse("-h read") == .help(command: "read"))
        #expect(try parse("help read") == .help(command: "read"))
        #expect(try parse("help") == .help(command: nil))
        #expect(try parse("--help") == .help(command: nil))
    }

    @Test func noCommandOpensTheConsoleWithItsOptions() throws {
        #expect(try parse("--store /tmp/x --theme dark") == .console(ParsedArguments(options: ["store": ["/tmp/x"], "theme": ["dark"]])))
        #expect(try parser.parse([]) == .console(ParsedArguments()))
    }

    @Test func everyMistakeIsNamedInOneLine() {
        #expect(error("read") == "read: missing STREAM (see 'bank-console read --help')")
        #expect(error("read a b") == "read: unexpected argument 'b' (see 'bank-console read --help')")
        #expect(error("read a --count 3") == "read: unknown option '--count' (see 'bank-console read --help')")
        #expect(error("read a -x") == "read: unknown option '-x' (see 'bank-console read --help')")
        #expect(error("read a --from") == "read: option '--from N' is missing N (see 'bank-console read --help')")
        #expect(error("read a --from --backward") == "read: option '--from N' is missing N (see 'bank-console read --help')")
        #expect(error("read a --from 1 --from 2") == "read: option '--from' given more than once (see 'bank-console read --help')")
        #expect(error("read a --backward=yes") == "read: option '--backward' takes no value (see 'bank-console read --help')")
        #expect(error("pay --to 401234") == "pay: option '--to SORTCODE ACCOUNT' is missing ACCOUNT (see 'bank-console pay --help')")
        #expect(error("frobnicate") == "unknown command 'frobnicate' (see 'bank-console --help')")
        #expect(error("help frobnicate") == "unknown command 'frobnicate' (see 'bank-console --help')")
        #expect(error("--theme") == "option '--theme NAME' is missing NAME (see 'bank-console --help')")
    }
}
