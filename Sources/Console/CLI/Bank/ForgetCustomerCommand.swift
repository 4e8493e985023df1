import Core
import Foundation

/// `forget-customer SORTCODE ACCOUNT --reason R`: crypto-shreds an account holder's personal data.
enum ForgetCustomerCommand {
    static let command = Command(spec: CommandSpec(
        name: "forget-customer",
        usage: ["forget-customer SORTCODE ACCOUNT --reason TEXT [--by NAME]"],
        summary: "forget an account holder's personal data (delete the key that sealed it)",
        details: """
        Deletes the key that sealed the holder's name and the names on the account's payments, after \
        recording CustomerForgotten on the account; every view then shows them as [forgotten]. \
        Amounts, ledgers, balances and the audit trail stay. Needs a supervisor. Forgetting again \
        writes nothing (exit 0). An unknown account is refused (exit 1). See the README's \
        "Forgetting a customer" for what this does not reach (backups, copies of keys/).
        JSON: {"account","forgotten":true|false,"keyId"}.
        """,
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")],
        options: [
            OptionSpec.reason("required; recorded in the audit trail"),
            OptionSpec.by("who"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let reason = try BankArguments.reason(context.arguments.value("reason"), for: "forget-customer")
        let by = BankSession.actor(context)
        let outcome = try await BankSession.withBank(context, processors: false, check: BankChecks.accountExists(id)) { bank in
            try await bank.forgetCustomer(sortCode: id.sortCode.digits, accountNumber: id.accountNumber.digits, reason: reason, by: by)
        }
        let keyId: String? = if case .forgotten(let key) = outcome { key } else { nil }
        if context.json {
            context.output.line(JSONValue.object([
                ("account", .string(id.description)),
                ("forgotten", .bool(keyId != nil)),
                ("keyId", keyId.map(JSONValue.string) ?? .null),
            ]).compact)
        } else if let keyId {
            context.output.line("\(id): personal data forgotten (key \(keyId) deleted; \(reason))")
        } else {
            context.output.line("\(id): already forgotten; nothing written")
        }
        return ExitCode.success
    }
}
