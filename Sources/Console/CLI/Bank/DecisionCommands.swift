import Core
import Store

/// `release ID --reason TEXT [--by NAME]` and `reject ...`: an operator's decision on a held payment.
enum DecisionCommands {
    static let release = command(name: "release", summary: "release a held payment; prints where it comes to rest",
                                 details: "The payment continues processing (settles, or fails on a blocked account).")
    static let reject = command(name: "reject", summary: "reject a held payment; it fails",
                                details: "The payment fails with the reason, recorded with who rejected it and when.")

    private static func command(name: String, summary: String, details: String) -> Command {
        Command(spec: CommandSpec(
            name: name,
            usage: ["\(name) ID --reason TEXT [--by NAME] [--timeout SECONDS]"],
            summary: summary,
            details: details + " An unknown payment, or one that is not held, is refused (exit 1) and nothing is written."
                + " If the payment is not at rest within --timeout seconds, it says where it is and exits 4. JSON: the payment object.",
            positionals: [PositionalSpec(name: "ID")],
            options: [
                OptionSpec.reason("required"),
                OptionSpec.by("who decides"),
                BankSession.timeoutOption,
            ]
        ), run: { context in try await run(name, context) })
    }

    static func run(_ name: String, _ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.paymentId(context.arguments.positionals[0])
        let reason = try BankArguments.reason(context.arguments.value("reason"), for: name)
        let timeout = try BankSession.timeout(context)
        let by = BankSession.actor(context)
        return try await BankSession.movingPayment(name, context, timeout: timeout, check: BankChecks.paymentHeld(id)) { bank in
            name == "release"
                ? try await bank.release(paymentId: id.uuidString, reason: reason, by: by)
                : try await bank.reject(paymentId: id.uuidString, reason: reason, by: by)
        }
    }
}

/// `block|unblock|close SORTCODE ACCOUNT [--reason TEXT] [--by NAME]`.
enum AccountStatusCommands {
    static let block = command(name: "block", summary: "block an account: payments to and from it fail")
    static let unblock = command(name: "unblock", summary: "unblock a blocked account")
    static let close = command(name: "close", summary: "close an account for good")

    private static func command(name: String, summary: String) -> Command {
        Command(spec: CommandSpec(
            name: name,
            usage: ["\(name) SORTCODE ACCOUNT [--reason TEXT] [--by NAME]"],
            summary: summary,
            details: "An unknown account, or one already in that status, is refused (exit 1) and nothing is written. JSON: the account object.",
            positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")],
            options: [
                OptionSpec.reason("default: \"\(name) by command line\""),
                OptionSpec.by("who"),
            ]
        ), run: { context in try await run(name, context) })
    }

    static func run(_ name: String, _ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let reason = try BankArguments.reason(context.arguments.value("reason") ?? "\(name) by command line", for: name)
        let by = BankSession.actor(context)
        let account = try await BankSession.withBank(context, processors: false, check: BankChecks.accountExists(id)) { bank in
            let code = id.sortCode.digits, number = id.accountNumber.digits
            switch name {
            case "block": try await bank.block(sortCode: code, accountNumber: number, reason: reason, by: by)
            case "unblock": try await bank.unblock(sortCode: code, accountNumber: number, reason: reason, by: by)
            default: try await bank.close(sortCode: code, accountNumber: number, reason: reason, by: by)
            }
            return try BankView.account(id, in: bank.store).summary
        }
        if context.json {
            context.output.line(JSONValue.object(BankRendering.json(account)).compact)
        } else {
            context.output.line("\(account.id) \(account.holder): \(account.status.rawValue) (\(reason))")
        }
        return ExitCode.success
    }
}
