import Core
import Foundation
import Store

/// `balance SORTCODE ACCOUNT [--at POSITION | --at-time ISO8601]`: a balance now or in the past.
enum BalanceCommand {
    static let command = Command(spec: CommandSpec(
        name: "balance",
        usage: ["balance SORTCODE ACCOUNT [--at POSITION | --at-time ISO8601]"],
        summary: "an account's balance, now or as of a log position or a time",
        details: """
        --at P gives the balance after the first P events of the log (positions 0 to P-1); \
        --at-time T after every event stored at or before T (e.g. 2026-11-26T17:00:00Z). \
        JSON: the account object plus "asOfPosition" (the number of events folded).
        """,
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")],
        options: [
            OptionSpec("at", ["POSITION"], help: "as of the first POSITION events of the log", value: .count),
            OptionSpec("at-time", ["ISO8601"], help: "as of a time, e.g. 2026-11-26T17:00:00Z"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let limit: BankView.Limit
        switch (try context.integerOption("at"), context.arguments.value("at-time")) {
        case (.some, .some):
            throw CommandFailure.usage("give --at or --at-time, not both")
        case (.some(let position), nil):
            limit = .position(UInt64(position))
        case (nil, .some(let text)):
            guard let time = Timestamp.parse(text) else {
                throw CommandFailure.refused("--at-time must be an ISO 8601 time such as 2026-11-26T17:00:00Z, not '\(text)'")
            }
            limit = .time(time)
        case (nil, nil):
            limit = .head
        }
        let (models, current) = try await context.withReadOnlyStore { store in try BankView.foldWithPast(store, at: limit) }
        // The account must exist now; in the past it may not have been opened yet (balance zero).
        let now = try BankView.account(id, in: current)
        var account = models.accounts.account(id) ?? now
        let openedYet = models.accounts.account(id) != nil
        if !openedYet {
            account.balance = .zero
            account.status = .open
        }
        let asOf = models.position.map { $0 + 1 } ?? 0
        if context.json {
            var members = BankRendering.json(account)
            members.append(("asOfPosition", .number(String(asOf))))
            if !openedYet { members.append(("openedYet", .bool(false))) }
            context.output.line(JSONValue.object(members).compact)
        } else {
            let when = limit == .head ? "" : " as of position \(asOf)" + (models.lastCreated.map { " (\(Timestamp.string($0)))" } ?? "")
            var note = openedYet ? "" : " (not opened yet)"
            // Asked for a point past the end: say it is the whole log, not that point.
            if case .position(let asked) = limit, asked > UInt64(asOf) { note += " (the log has only \(asOf) events)" }
            context.output.line("\(account.id) \(account.holder): \(account.balance)\(when)\(note)")
        }
        return ExitCode.success
    }
}
