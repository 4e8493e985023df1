import Core
import Foundation
import Store

/// `subscriptions`: the persistent-subscription groups kept in the store, with their progress.
enum SubscriptionsCommand {
    /// Published figures older than this are shown as stale, not added to the live totals.
    static let staleAfter: TimeInterval = 30

    static let command = Command(spec: CommandSpec(
        name: "subscriptions",
        usage: ["subscriptions"],
        summary: "list persistent-subscription groups: live counters of every process, checkpoint, lag, parked",
        details: """
        Reads what the store keeps for each group (configuration, checkpoint, parked stream) and         the live figures every process running consumers publishes every 2 s (`run`, the         console): delivered, in flight, acked and retried, summed over the processes whose         figures are under \(Int(staleAfter)) s old; each process is listed with the age of its         figures, and older ones are marked stale (a process that died). Works while the         console runs. JSON: an array of {"group","source","strategy","lastCheckpoint",        "lastCheckpointTime","lag","parked","parkedStream","lastError"} with EventStoreDB's         names for the live figures: "totalItemsProcessed" (acked), "totalInFlightMessages",         "parkedMessageCount", "readBufferCount" (waiting for a retry),         "lastCheckpointedEventPosition", and "connections":[{"host","pid","consumerName",        "inFlightMessages","availableSlots","totalItems","ageSeconds"}].
        """
    ), run: run)

    /// One group's live figures summed over the processes publishing them.
    struct Live {
        var delivered = 0, inFlight = 0, acked = 0, retried = 0, waitingForRetry = 0
        var connections: [(host: PublishedSubscriptionStats, consumer: PersistentConsumerStats)] = []
    }

    static func run(_ context: CommandContext) async throws -> Int32 {
        let (stats, published) = try await context.withReadOnlyStore { store in
            let subscriptions = try PersistentSubscriptions(store: store, clock: context.environment.clock, tickInterval: nil)
            let stats = subscriptions.stats()
            await subscriptions.close()
            return (stats, try PublishedSubscriptionStats.readAll(from: store))
        }
        let now = context.environment.clock.now()
        let fresh = published.filter { now.timeIntervalSince($0.publishedAt) < staleAfter }
        let live = Dictionary(uniqueKeysWithValues: stats.map { ("\($0.group)@\($0.source)", Self.live($0, in: fresh)) })
        if context.json {
            context.output.line(JSONValue.array(stats.map { json($0, live: live["\($0.group)@\($0.source)"] ?? Live(), now: now) }).compact)
            return ExitCode.success
        }
        var table = Table(["GROUP", "SOURCE", "STRATEGY", "DELIVERED", "IN FLIGHT", "ACKED", "RETRIED", "PARKED", "CHECKPOINT", "LAG"],
                          alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .right, .right])
        for group in stats {
            let figures = live["\(group.group)@\(group.source)"] ?? Live()
            table.append([group.group, group.source, group.strategy.rawValue, String(figures.delivered), String(figures.inFlight),
                          String(figures.acked), String(figures.retried), String(group.parked),
                          group.lastCheckpoint.map(String.init) ?? "-", String(group.lag)])
        }
        for line in table.lines() { context.output.line(line) }
        context.output.line("\(stats.count) group\(stats.count == 1 ? "" : "s")")
        if published.isEmpty {
            context.output.line("no process is publishing live figures (start `bank-console run` or the console)")
        }
        for host in published {
            let age = Int(now.timeIntervalSince(host.publishedAt).rounded())
            let stale = now.timeIntervalSince(host.publishedAt) >= staleAfter ? " — stale, not counted" : ""
            context.output.line("live figures from \(host.host) pid \(host.pid), \(age) s ago\(stale)")
        }
        return ExitCode.success
    }

    static func live(_ group: PersistentGroupStats, in published: [PublishedSubscriptionStats]) -> Live {
        var live = Live()
        for host in published {
            for figures in host.groups where figures.group == group.group && figures.source == group.source {
                live.delivered += figures.delivered
                live.inFlight += figures.inFlight
                live.acked += figures.acked
                live.retried += figures.retried
                live.waitingForRetry += figures.waitingForRetry
                live.connections += figures.consumers.map { (host: host, consumer: $0) }
            }
        }
        return live
    }

    static func json(_ group: PersistentGroupStats, live: Live, now: Date) -> JSONValue {
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
            ("totalItemsProcessed", .number(String(live.acked))),
            ("totalInFlightMessages", .number(String(live.inFlight))),
            ("parkedMessageCount", .number(String(group.parked))),
            ("readBufferCount", .number(String(live.waitingForRetry))),
            ("lastCheckpointedEventPosition", group.lastCheckpoint.map { .number(String($0)) } ?? .null),
            ("connections", .array(live.connections.map { connection in
                .object([
                    ("host", .string(connection.host.host)), ("pid", .number(String(connection.host.pid))),
                    ("consumerName", .string(connection.consumer.name)),
                    ("inFlightMessages", .number(String(connection.consumer.inFlight))),
                    ("availableSlots", .number(String(max(0, connection.consumer.bufferSize - connection.consumer.inFlight)))),
                    ("totalItems", .number(String(connection.consumer.delivered))),
                    ("ageSeconds", .number(String(Int(now.timeIntervalSince(connection.host.publishedAt).rounded())))),
                ])
            })),
        ])
    }
}
