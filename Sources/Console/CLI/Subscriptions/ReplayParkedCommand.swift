import Core
import Foundation
import Store

/// `replay-parked GROUP [--source S] [--count N]`: parked messages of a group, delivered again.
enum ReplayParkedCommand {
    static let command = Command(spec: CommandSpec(
        name: "replay-parked",
        usage: ["replay-parked GROUP [--source STREAM] [--count N]"],
        summary: "deliver a group's parked messages again, ahead of new events",
        details: """
        Runs the bank's processors (the groups' consumers) until every replayed message is acked \
        or parked again, then prints how it went. --source picks the group when several sources \
        have a group of that name. JSON: {"group","source","replayed","acked","parkedAgain"}.
        """,
        positionals: [PositionalSpec(name: "GROUP")],
        options: [
            OptionSpec("source", ["STREAM"], help: "the group's source ($ce-X, $et-X, $all or a stream)"),
            OptionSpec("count", ["N"], help: "replay at most N messages (default: all)"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let name = context.arguments.positionals[0]
        let count = try context.integerOption("count").map { Int(clamping: $0) }
        let wanted = context.arguments.value("source")
        let result = try await BankSession.withBank(context) { bank -> (source: String, replayed: Int, acked: Int, parked: Int) in
            let subscriptions = bank.subscriptions
            let matches = subscriptions.groups().filter { $0.group == name && (wanted == nil || $0.source.description == wanted) }
            guard let group = matches.first else {
                throw CommandFailure.refused("no persistent-subscription group \(name)" + (wanted.map { " on \($0)" } ?? ""))
            }
            guard matches.count == 1 else {
                throw CommandFailure.refused("several groups are named \(name); pick one with --source (\(matches.map(\.source.description).joined(separator: ", ")))")
            }
            let source = group.source.description
            func stats() -> PersistentGroupStats? {
                subscriptions.stats().first { $0.group == name && $0.source == source }
            }
            let before = stats()
            let replayed = try subscriptions.replayParked(group: name, source: group.source, stopAt: count)
            let deadline = ContinuousClock.now + .seconds(60)
            while let now = stats(), let before {
                let settled = (now.acked - before.acked) + (now.parkedTotal - before.parkedTotal)
                if settled >= replayed && now.inFlight == 0 && now.waitingForRetry == 0 { break }
                if ContinuousClock.now > deadline {
                    throw CommandFailure.refused("replayed \(replayed) messages of \(name), but they were not all handled within 60 seconds")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let after = stats()
            return (source, replayed, (after?.acked ?? 0) - (before?.acked ?? 0), (after?.parkedTotal ?? 0) - (before?.parkedTotal ?? 0))
        }
        if context.json {
            context.output.line(JSONValue.object([
                ("group", .string(name)), ("source", .string(result.source)), ("replayed", .number(String(result.replayed))),
                ("acked", .number(String(result.acked))), ("parkedAgain", .number(String(result.parked))),
            ]).compact)
        } else {
            context.output.line("replayed \(result.replayed) parked message\(result.replayed == 1 ? "" : "s") of \(name) on \(result.source): \(result.acked) handled, \(result.parked) parked again")
        }
        return ExitCode.success
    }
}
