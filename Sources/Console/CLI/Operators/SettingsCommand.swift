import Core
import Foundation
import Store

/// `settings [four-eyes-above AMOUNT]`: the bank's settings, and changing them.
enum SettingsCommand {
    static let command = Command(spec: CommandSpec(
        name: "settings",
        usage: ["settings", "settings four-eyes-above AMOUNT [--reason TEXT] [--by NAME]"],
        summary: "show the bank's settings, or set the four-eyes threshold (supervisor)",
        details: """
        four-eyes-above AMOUNT: releasing a held payment of AMOUNT or more needs two different \
        operators (the second a supervisor). The default is 10000.00. Recorded as an event, \
        like everything else. JSON: {"fourEyesAbove":"10000.00"}.
        """,
        positionals: [PositionalSpec(name: "SETTING", isOptional: true), PositionalSpec(name: "VALUE", isOptional: true)],
        options: [
            OptionSpec("reason", ["TEXT"], help: "why (default: \"by command line\")"),
            OptionSpec("by", ["NAME"], help: "who acts (default: $BANK_OPERATOR, else your login name)"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        switch (arguments.positional(0), arguments.positional(1)) {
        case (nil, _):
            if arguments.has("reason") || arguments.has("by") { throw CommandFailure.usage("--reason and --by go with a change") }
            let settings = try await context.withReadOnlyStore { store in
                do throws(BankError) {
                    return try BankSettings.load(from: store)
                } catch {
                    throw BankSession.failure(error)
                }
            }
            print(settings, context)
            return ExitCode.success
        case ("four-eyes-above", let text?):
            let amount: Money
            do {
                amount = try Bank.parseAmount(text)
            } catch {
                throw CommandFailure.usage(error.description)
            }
            let reason = try BankArguments.reason(arguments.value("reason") ?? "by command line", for: "settings")
            let settings = try await BankSession.withBank(context, processors: false) { bank in
                try await bank.setFourEyesThreshold(amount, reason: reason, by: BankSession.actor(context))
                return try bank.settings()
            }
            print(settings, context)
            return ExitCode.success
        case ("four-eyes-above", nil):
            throw CommandFailure.usage("missing AMOUNT")
        case (let setting?, _):
            throw CommandFailure.usage("unknown setting '\(setting)': four-eyes-above")
        }
    }

    private static func print(_ settings: BankSettings, _ context: CommandContext) {
        if context.json {
            context.output.line(JSONValue.object([("fourEyesAbove", .string(settings.fourEyesThreshold.decimalString))]).compact)
        } else {
            context.output.line("four-eyes-above \(settings.fourEyesThreshold.decimalString)")
        }
    }
}
