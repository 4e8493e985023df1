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
        or parked again, then prints how it went, one line per source the group reads. --source \
        limits it to one of them. JSON: an array of {"group","source","replayed","acked","parkedAgain"}.
        """,
        positionals: [PositionalSpec(name: "GROUP")],
        options: [
            OptionSpec("source", ["STREAM"], help: "the group's source ($ce-X, $et-X, $all or a stream)"),
            OptionSpec("count", ["N"], help: "replay at most N messages (default: all)", value: .count),
        ]
    ), run: run)

    /// What replaying one group's parked messages came to.
    struct Outcome {
        var source: String
        var replayed: Int
        var acked: Int
        var parkedAgain: Int
    }

    static func run(_ context: CommandContext) async throws -> Int32 {
        let name = context.arguments.positionals[0]
        let count = try context.integerOption("count").map { Int(clamping: $0) }
        let wanted = context.arguments.value("source")
        let outcomes = try await BankSession.withBank(context) { bank -> [Outcome] in
            try bank.authorize(.replayParked, by: BankSession.actor(context))
            let subscriptions = bank.subscriptions
            let matches = subscriptions.groups().filter { $0.group == name && (wanted == nil || $0.source.description == wanted) }
            guard !matches.isEmpty else {
                throw CommandFailure.refused("no persistent-subscription group \(name)" + (wanted.map { " on \($0)" } ?? ""))
            }
            var outcomes: [Outcome] = []
            for group in matches {
                outcomes.append(try await replay(name, source: group.source, count: count, in: subscriptions))
            }
            return outcomes
        }
        if context.json {
            context.output.line(JSONValue.array(outcomes.map { outcome in
                .object([
                    ("group", .string(name)), ("source", .string(outcome.source)), ("replayed", .number(String(outcome.replayed))),
                    ("acked", .number(String(outcome.acked))), ("parkedAgain", .number(String(outcome.parkedAgain))),
                ])
            }).compact)
        } else {
            for outcome in outcomes {
                context.output.line("replayed \(outcome.replayed) parked message\(outcome.replayed == 1 ? "" : "s") of \(name) on \(outcome.source): \(outcome.acked) handled, \(outcome.parkedAgain) parked again")
            }
        }
        return ExitCode.success
    }

    /// Replays one group's parked messages and waits until each is acked or parked again.
    private static func replay(_ name: String, source: ReadTarget, count: Int?, in subscriptions: PersistentSubscriptions) async throws -> Outcome {
        let text = source.description
        func stats() -> PersistentGroupStats? {
            subscriptions.stats().first { $0.group == name && $0.source == text }
        }
        let before = stats()
        let replayed = try subscriptions.replayParked(group: name, source: source, stopAt: count)
        let deadline = ContinuousClock.now + .seconds(60)
        while let now = stats(), let before {
            let settled = (now.acked - before.acked) + (now.parkedTotal - before.parkedTotal)
            if settled >= replayed && now.inFlight == 0 && now.waitingForRetry == 0 { break }
            if ContinuousClock.now > deadline {
                throw CommandFailure.refused("replayed \(replayed) messages of \(name) on \(text), but they were not all handled within 60 seconds")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let after = stats()
        return Outcome(source: text, replayed: replayed, acked: (after?.acked ?? 0) - (before?.acked ?? 0),
                       parkedAgain: (after?.parkedTotal ?? 0) - (before?.parkedTotal ?? 0))
    }
}
