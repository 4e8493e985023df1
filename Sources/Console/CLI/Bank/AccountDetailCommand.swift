import Core
import Store

/// `account SORTCODE ACCOUNT`: one account and its ledger.
///
/// Not Core's `AccountCommand` (a decision on an account's stream): this one only reads.
enum AccountDetailCommand {
    static let command = Command(spec: CommandSpec(
        name: "account",
        usage: ["account SORTCODE ACCOUNT"],
        summary: "show one account and its ledger",
        details: "JSON: {\"sortCode\",\"accountNumber\",\"name\",\"status\",\"balance\",\"ledger\":[...]}.",
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let (account, models) = try await context.withReadOnlyStore { store in try BankView.account(id, in: store) }
        let ledger = models.accounts.ledger(id)
        if context.json {
            var members = BankRendering.json(account)
            if let reason = account.statusReason { members.append(("statusReason", .string(reason))) }
            members.append(("ledger", .array(ledger.map(BankRendering.json))))
            context.output.line(JSONValue.object(members).compact)
            return ExitCode.success
        }
        var table = Table(["", ""])
        table.append(["account", account.id.description])
        table.append(["holder", account.holder])
        table.append(["status", account.status.rawValue + (account.statusReason.map { " (\($0)" + (account.statusChangedBy.map { ", by \($0))" } ?? ")") } ?? "")])
        table.append(["balance", account.balance.description])
        table.append(["opened", Timestamp.string(account.opened)])
        for line in table.lines(header: false) { context.output.line(line) }
        context.output.line("")
        for line in BankRendering.ledgerTable(ledger) { context.output.line(line) }
        return ExitCode.success
    }
}
