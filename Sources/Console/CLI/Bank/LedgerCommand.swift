import Core
import Foundation
import Store

/// `ledger SORTCODE ACCOUNT [--from T] [--to T] [--csv|--json]`: an account's statement.
enum LedgerCommand {
    static let command = Command(spec: CommandSpec(
        name: "ledger",
        usage: ["ledger SORTCODE ACCOUNT [--from T] [--to T] [--csv|--json]"],
        summary: "an account's statement: its entries with running balance, for a period",
        details: """
        Reads the account's ledger stream only: the opening balance (the balance after the \
        last entry before --from), each entry stored in the period with its running balance, \
        and the closing balance. Times are ISO 8601 (e.g. 2026-11-01T00:00:00Z); --to is \
        inclusive. Each entry's recorded balance must follow from the one before: one that does \
        not is a fault (exit 3). CSV: a header line, then one line per entry. JSON: \
        {"sortCode","accountNumber","name","from","to","opening","closing","entries":[...]}.
        """,
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")],
        options: [
            OptionSpec("from", ["T"], help: "entries stored at or after T"),
            OptionSpec("to", ["T"], help: "entries stored at or before T"),
            OptionSpec("csv", help: "comma-separated values with a header line"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let from = try time("from", context), to = try time("to", context)
        if let from, let to, from > to { throw CommandFailure.usage("--from is after --to") }
        if context.json && context.arguments.has("csv") { throw CommandFailure.usage("give --json or --csv, not both") }
        let (account, statement) = try await context.withReadOnlyStore { store in
            // Holder and status from the account's own few events; the ledger is the statement's.
            let account = try BankView.account(id, in: try BankView.trusted(try EntityReads.account(id, in: store, ledger: false)))
            return (account, try BankSession.asCommand { () throws(BankError) in try LedgerStatement.read(id, from: from, to: to, in: store) })
        }
        if context.json {
            context.output.line(JSONValue.object(BankRendering.json(account).filter { $0.key != "balance" } + [
                ("from", from.map { .string(Timestamp.string($0)) } ?? .null), ("to", to.map { .string(Timestamp.string($0)) } ?? .null),
                ("opening", .string(statement.opening.decimalString)), ("closing", .string(statement.closing.decimalString)),
                ("entries", .array(statement.lines.map(BankRendering.json))),
            ]).compact)
        } else if context.arguments.has("csv") {
            for line in statement.csvLines { context.output.line(line) }
        } else {
            let period = [from.map { "from \(Timestamp.string($0))" }, to.map { "to \(Timestamp.string($0))" }].compactMap { $0 }
            context.output.line("\(account.id) \(account.holder)" + (period.isEmpty ? "" : " " + period.joined(separator: " ")))
            context.output.line("opening balance \(statement.opening)")
            for line in BankRendering.ledgerTable(statement.lines) { context.output.line(line) }
            context.output.line("closing balance \(statement.closing) (\(statement.lines.count) entr\(statement.lines.count == 1 ? "y" : "ies"))")
        }
        return ExitCode.success
    }

    private static func time(_ name: String, _ context: CommandContext) throws -> Date? {
        guard let text = context.arguments.value(name) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw CommandFailure.usage("--\(name) must be an ISO 8601 time such as 2026-11-01T00:00:00Z, not \(DisplayText.quoted(text))")
        }
        return date
    }
}
