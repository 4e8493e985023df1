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
        A position means the state after the event at that position, the event included \
        (positions count from 0), as the console's time machine (g POSITION) shows it. \
        --at P: after the event at position P (events 0 to P). \
        --at-time T: after the last event stored at or before T (e.g. 2026-11-26T17:00:00Z). \
        JSON: the account object plus "asOfPosition", the position of the last event included \
        (null when none is: a time before the first event).
        """,
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")],
        options: [
            OptionSpec("at", ["POSITION"], help: "after the event at POSITION, that event included", value: .count),
            OptionSpec("at-time", ["ISO8601"], help: "after the last event stored at or before a time, e.g. 2026-11-26T17:00:00Z"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.account(context.arguments.positionals[0], context.arguments.positionals[1])
        let limit: BankView.Limit
        switch (try context.integerOption("at"), context.arguments.value("at-time")) {
        case (.some, .some):
            throw CommandFailure.usage("give --at or --at-time, not both")
        case (.some(let position), nil):
            // The state after the event at `position`, that event included.
            limit = .position(UInt64(position))
        case (nil, .some(let text)):
            guard let time = Timestamp.parse(text) else {
                throw CommandFailure.refused("--at-time must be an ISO 8601 time such as 2026-11-26T17:00:00Z, not '\(text)'")
            }
            limit = .time(time)
        case (nil, nil):
            limit = .head
        }
        // The account's own streams, read once: now (it must exist now, and an event it cannot
        // trust, before or after the point asked for, is exit 3) and as of the point.
        let (current, asOfEvent, models) = try await context.withReadOnlyStore { store in
            let current = try BankView.account(id, in: store)
            let asOfEvent = try BankView.lastEvent(store, upTo: limit)
            let models: BankReadModels
            if limit == .head {
                models = current.models
            } else if let asOfEvent {
                models = try BankView.trusted(try EntityReads.account(id, in: store, through: asOfEvent.position))
            } else {
                models = BankReadModels() // a time before the first event
            }
            return (current, asOfEvent, models)
        }
        let now = current.summary
        var account = models.accounts.account(id) ?? now
        let openedYet = asOfEvent != nil && models.accounts.account(id) != nil
        if !openedYet {
            account.balance = .zero
            account.status = .open
        }
        // The position of the last event of the log included: the same number `--at` takes.
        let asOf = asOfEvent?.position
        if context.json {
            var members = BankRendering.json(account)
            members.append(("asOfPosition", asOf.map { .number(String($0)) } ?? .null))
            if !openedYet { members.append(("openedYet", .bool(false))) }
            context.output.line(JSONValue.object(members).compact)
        } else {
            let when: String
            if limit == .head {
                when = ""
            } else if let asOf {
                when = " as of position \(asOf)" + (asOfEvent.map { " (\(Timestamp.string($0.created)))" } ?? "")
            } else {
                when = " before the first event"
            }
            var note = openedYet ? "" : " (not opened yet)"
            // Asked for a point past the end: say it is the whole log, not that point.
            if case .position(let first) = limit {
                if let asOf, first > asOf { note += " (the log ends at position \(asOf))" }
                if asOf == nil { note += " (the log is empty)" }
            }
            context.output.line("\(account.id) \(account.holder): \(account.balance)\(when)\(note)")
        }
        return ExitCode.success
    }
}
