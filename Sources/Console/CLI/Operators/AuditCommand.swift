import Core
import Foundation
import Store

/// `audit [--since T] [--until T] [--by NAME] [--action A] [--limit N] [--before P] [--json|--csv]`:
/// every operator action, newest first.
enum AuditCommand {
    static let defaultLimit: Int64 = 50
    static let maxLimit: Int64 = 100_000

    static let command = Command(spec: CommandSpec(
        name: "audit",
        usage: ["audit [--since T] [--until T] [--by NAME] [--action A[,A...]] [--limit N] [--before POSITION] [--json|--csv]"],
        summary: "the audit trail: every operator action, newest first",
        details: """
        Read from the events themselves (they are the audit log): who, role, when, what, which \
        payment, account or operator, why, and how it ended. Actions: \(AuditEntry.Action.allCases.map(\.rawValue).joined(separator: ", ")). \
        Prints at most --limit entries (default \(defaultLimit)); the last line says how to ask \
        for the next page (--before the oldest position shown). The cost is the entries shown, \
        not the length of the log. Times are ISO 8601 (e.g. 2026-11-26T17:00:00Z). \
        JSON: an array of {"position","at","by","role","host","osUser","pid","action","subject","reason","outcome"}.
        """,
        options: [
            OptionSpec("since", ["T"], help: "only actions at or after T"),
            OptionSpec("until", ["T"], help: "only actions at or before T"),
            OptionSpec("by", ["NAME"], help: "only this operator's actions"),
            OptionSpec("action", ["A[,A...]"], help: "only these actions, comma-separated"),
            OptionSpec("limit", ["N"], help: "at most N entries (default \(defaultLimit))", value: .count),
            OptionSpec("before", ["POSITION"], help: "only actions before this log position (the next page)", value: .count),
            OptionSpec("csv", help: "comma-separated values with a header line"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let filter = try filter(context)
        let limit = try context.integerOption("limit") ?? defaultLimit
        guard (1...maxLimit).contains(limit) else { throw CommandFailure.usage("--limit must be 1 to \(maxLimit), not \(limit)") }
        let before = try context.integerOption("before").map { UInt64($0) }
        if context.json && context.arguments.has("csv") { throw CommandFailure.usage("give --json or --csv, not both") }
        let entries = try await context.withReadOnlyStore { store in
            try BankSession.asCommand { () throws(BankError) in try AuditTrail.page(in: store, before: before, limit: Int(limit), filter: filter) }
        }
        if context.json {
            context.output.line(JSONValue.array(entries.map(json)).compact)
        } else if context.arguments.has("csv") {
            context.output.line(CSVLine.make(columns))
            for entry in entries { context.output.line(CSVLine.make(fields(entry))) }
        } else {
            var table = Table(["POSITION", "WHEN", "WHO", "ROLE", "ACTION", "SUBJECT", "REASON", "OUTCOME"])
            for entry in entries {
                table.append([String(entry.position), Timestamp.string(entry.at), entry.by, entry.origin?.role.rawValue ?? "-",
                              entry.action.rawValue, entry.subject.text, entry.reason, entry.outcome])
            }
            for line in table.lines() { context.output.line(line) }
            let count = "\(entries.count) action\(entries.count == 1 ? "" : "s")"
            if entries.count == Int(limit), let oldest = entries.last {
                context.output.line("\(count); more with --before \(oldest.position)")
            } else {
                context.output.line(count)
            }
        }
        return ExitCode.success
    }

    static let columns = ["position", "at", "by", "role", "host", "osUser", "pid", "action", "subject", "reason", "outcome"]

    private static func fields(_ entry: AuditEntry) -> [String] {
        [String(entry.position), Timestamp.string(entry.at), entry.by, entry.origin?.role.rawValue ?? "", entry.origin?.host ?? "",
         entry.origin?.osUser ?? "", entry.origin.map { String($0.pid) } ?? "", entry.action.rawValue, entry.subject.text,
         entry.reason, entry.outcome]
    }

    private static func json(_ entry: AuditEntry) -> JSONValue {
        .object([
            ("position", .number(String(entry.position))), ("at", .string(Timestamp.string(entry.at))), ("by", .string(entry.by)),
            ("role", entry.origin.map { .string($0.role.rawValue) } ?? .null), ("host", entry.origin.map { .string($0.host) } ?? .null),
            ("osUser", entry.origin.map { .string($0.osUser) } ?? .null), ("pid", entry.origin.map { .number(String($0.pid)) } ?? .null),
            ("action", .string(entry.action.rawValue)), ("subject", .string(entry.subject.text)), ("reason", .string(entry.reason)),
            ("outcome", .string(entry.outcome)),
        ])
    }

    private static func filter(_ context: CommandContext) throws -> AuditTrail.Filter {
        func time(_ name: String) throws -> Date? {
            guard let text = context.arguments.value(name) else { return nil }
            guard let date = Timestamp.parse(text) else {
                throw CommandFailure.usage("--\(name) must be an ISO 8601 time such as 2026-11-26T17:00:00Z, not \(DisplayText.quoted(text))")
            }
            return date
        }
        var actions: Set<AuditEntry.Action>?
        if let list = context.arguments.value("action") {
            actions = try Set(list.split(separator: ",", omittingEmptySubsequences: false).map(String.init).map { name in
                guard let action = AuditEntry.Action(rawValue: name) else {
                    throw CommandFailure.usage("unknown action \(DisplayText.quoted(name)): \(AuditEntry.Action.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return action
            })
        }
        let filter = AuditTrail.Filter(by: context.arguments.value("by"), actions: actions, since: try time("since"), until: try time("until"))
        if let since = filter.since, let until = filter.until, since > until { throw CommandFailure.usage("--since is after --until") }
        return filter
    }
}
