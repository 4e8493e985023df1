import Core
import Store

/// `accounts`: every account with holder, status and balance.
enum AccountsCommand {
    static let command = Command(spec: CommandSpec(
        name: "accounts",
        usage: ["accounts"],
        summary: "list the bank's accounts with holder, status and balance",
        details: "JSON: an array of {\"sortCode\",\"accountNumber\",\"name\",\"status\",\"balance\"}; status is open, blocked or closed."
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let models = try await context.withReadOnlyStore { store in try BankView.fold(store) }
        let accounts = models.accounts.all
        if context.json {
            context.output.line(JSONValue.array(accounts.map { .object(BankRendering.json($0)) }).compact)
        } else {
            for line in BankRendering.accountsTable(accounts) { context.output.line(line) }
            context.output.line("\(accounts.count) account\(accounts.count == 1 ? "" : "s")")
        }
        return ExitCode.success
    }
}

/// `account SORTCODE ACCOUNT`: one account and its ledger.
enum AccountCommand {
    static let command = Command(spec: CommandSpec(
        name: "account",
        usage: ["account SORTCODE ACCOUNT"],
        summary: "show one account and its ledger",
        details: "JSON: {\"sortCode\",\"accountNumber\",\"name\",\"status\",\"balance\",\"ledger\":[...]}.",
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let models = try await context.withReadOnlyStore { store in try BankView.fold(store) }
        let account = try BankView.account(id, in: models)
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
