import Core
import Foundation
import Store

/// `settings [four-eyes-above AMOUNT | screening-hold-at SCORE]`: the bank's settings, and changing them.
enum SettingsCommand {
    static let command = Command(spec: CommandSpec(
        name: "settings",
        usage: ["settings", "settings four-eyes-above AMOUNT [--reason TEXT] [--by NAME]",
                "settings screening-hold-at SCORE [--reason TEXT] [--by NAME]"],
        summary: "show the bank's settings, or set the four-eyes or screening threshold (supervisor)",
        details: """
        four-eyes-above AMOUNT: releasing a held payment of AMOUNT or more needs two different \
        operators (the second a supervisor). The default is 10000.00. screening-hold-at SCORE: \
        sanctions screening holds a payment when one of its names scores SCORE or more (0-100) \
        against a list entry, from the next payment screened; a whole number from 50 to 100, \
        85 by default. Each change is recorded as an event, like everything else. JSON: \
        {"fourEyesAbove":"10000.00","screeningHoldAt":85}.
        """,
        positionals: [PositionalSpec(name: "SETTING", isOptional: true), PositionalSpec(name: "VALUE", isOptional: true)],
        options: [
            OptionSpec.reason(),
            OptionSpec.by(),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        switch (arguments.positional(0), arguments.positional(1)) {
        case (nil, _):
            if arguments.has("reason") || arguments.has("by") { throw CommandFailure.usage("--reason and --by go with a change") }
            let settings = try await context.withReadOnlyStore { store in
                try BankSession.asCommand { () throws(BankError) in try BankSettings.load(from: store) }
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
        case ("screening-hold-at", let text?):
            guard let score = Int(text) else { throw CommandFailure.usage("SCORE must be a whole number from 50 to 100, not \"\(text)\"") }
            let reason = try BankArguments.reason(arguments.value("reason") ?? "by command line", for: "settings")
            let settings = try await BankSession.withBank(context, processors: false) { bank in
                try await bank.setScreeningThreshold(holdAt: score, reason: reason, by: BankSession.actor(context))
                return try bank.settings()
            }
            print(settings, context)
            return ExitCode.success
        case ("screening-hold-at", nil):
            throw CommandFailure.usage("missing SCORE")
        case (let setting?, _):
            throw CommandFailure.usage("unknown setting '\(setting)': four-eyes-above, screening-hold-at")
        }
    }

    private static func print(_ settings: BankSettings, _ context: CommandContext) {
        if context.json {
            context.output.line(JSONValue.object([("fourEyesAbove", .string(settings.fourEyesThreshold.decimalString)),
                                                  ("screeningHoldAt", .number(String(settings.screeningHoldAt)))]).compact)
        } else {
            context.output.line("four-eyes-above \(settings.fourEyesThreshold.decimalString)")
            context.output.line("screening-hold-at \(settings.screeningHoldAt)")
        }
    }
}
