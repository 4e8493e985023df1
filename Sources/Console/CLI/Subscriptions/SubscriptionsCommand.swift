import Core
import Foundation
import Store

/// `subscriptions`: the persistent-subscription groups kept in the store, with their progress.
enum SubscriptionsCommand {
    static let command = Command(spec: CommandSpec(
        name: "subscriptions",
        usage: ["subscriptions"],
        summary: "list persistent-subscription groups: checkpoint, lag, parked messages",
        details: """
        Reads what the store keeps for each group (configuration, checkpoint, parked stream), so \
        it works while the console runs. Live counters (in flight, per consumer) belong to the \
        process running the consumers and show in the console's Subscriptions pane. JSON: an \
        array of {"group","source","strategy","lastCheckpoint","lastCheckpointTime","lag","parked","parkedStream","lastError"}.
        """
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let stats = try await context.withReadOnlyStore { store in
            let subscriptions = try PersistentSubscriptions(store: store, clock: context.environment.clock, tickInterval: nil)
            let stats = subscriptions.stats()
            await subscriptions.close()
            return stats
        }
        if context.json {
            context.output.line(JSONValue.array(stats.map(json)).compact)
            return ExitCode.success
        }
        var table = Table(["GROUP", "SOURCE", "STRATEGY", "CHECKPOINT", "LAG", "PARKED", "PARKED STREAM"],
                          alignments: [.left, .left, .left, .right, .right, .right, .left])
        for group in stats {
            table.append([group.group, group.source, group.strategy.rawValue, group.lastCheckpoint.map(String.init) ?? "-",
                          String(group.lag), String(group.parked), group.parkedStream])
        }
        for line in table.lines() { context.output.line(line) }
        context.output.line("\(stats.count) group\(stats.count == 1 ? "" : "s")")
        return ExitCode.success
    }

    static func json(_ group: PersistentGroupStats) -> JSONValue {
        .object([
            ("group", .string(group.group)),
            ("source", .string(group.source)),
            ("strategy", .string(group.strategy.rawValue)),
            ("lastCheckpoint", group.lastCheckpoint.map { .number(String($0)) } ?? .null),
            ("lastCheckpointTime", group.lastCheckpointTime.map { .string(Timestamp.string($0)) } ?? .null),
            ("lag", .number(String(group.lag))),
            ("parked", .number(String(group.parked))),
            ("parkedStream", .string(group.parkedStream)),
            ("lastError", group.lastError.map { .string($0) } ?? .null),
        ])
    }
}
