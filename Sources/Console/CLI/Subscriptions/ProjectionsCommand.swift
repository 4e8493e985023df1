import Core
import Foundation
import Store

/// `projections` and `projection NAME`: the continuous projections the bank defines, their
/// progress and their state.
///
/// The command registers the projections (loading what the store keeps for them) and, when it
/// can take the write lock, brings each up to the head of the log first, so what it prints is
/// current. While another process writes the store (the console), it shows the state as of each
/// projection's last checkpoint instead, and says so.
enum ProjectionsCommand {
    static let list = Command(spec: CommandSpec(
        name: "projections",
        usage: ["projections [list]", "projections create NAME --file F [--by NAME]", "projections delete NAME [--by NAME]"],
        summary: "list projections with their status, position and lag; create or delete one written in the projection language",
        details: """
        JSON: an array of {"name","source","status","position","lag","checkpoint","partitions",\
        "fault"}; status is running, stopped, faulted (fault names the error and the event) or \
        elsewhere (on PostgreSQL, another process runs it: shown as of its last checkpoint). \
        create reads a program in the projection language (README: "Projections written at run \
        time") from F, or from the bundled seeds/projections/ when F is not a file here, checks \
        it, and records it in the store; an error prints F:LINE:COL: and the problem, and writes \
        nothing. Every console and command on the store then runs it; its state shows with \
        'projection NAME'. delete stops it everywhere. JSON for create and delete: {"ok":true,"name"}.
        """,
        positionals: [PositionalSpec(name: "ACTION", isOptional: true), PositionalSpec(name: "NAME", isOptional: true)],
        options: [
            OptionSpec("file", ["F"], help: "the program's text (create only)", value: .path),
            OptionSpec.by("who creates or deletes it, a supervisor"),
        ]
    ), run: runProjections)

    static let show = Command(spec: CommandSpec(
        name: "projection",
        usage: ["projection NAME [--partition P]"],
        summary: "show one projection's status and state",
        details: """
        Prints the state of every partition (or only P) as indented JSON. JSON: the status object \
        plus "state" (unpartitioned) or "states":{"P": state, ...}.
        """,
        positionals: [PositionalSpec(name: "NAME")],
        options: [OptionSpec("partition", ["P"], help: "only this partition")]
    ), run: runShow)

    /// The projections, their statuses, and whether they were brought up to date.
    private struct Loaded {
        var projections: Projections
        var current: Bool
    }

    /// Opens the store (for writing when possible), registers every projection, catches them
    /// up when writable, runs `body`, and closes everything.
    private static func withProjections<T>(_ context: CommandContext, _ body: (Loaded) throws -> T) async throws -> T {
        let handle: StoreHandle
        var writable = true
        do {
            handle = try await context.openForWriting()
        } catch let error as EventStoreError {
            guard case .locked = error else { throw error }
            handle = try await context.openReadOnly()
            writable = false
        }
        let projections = Projections(store: handle.store, clock: context.environment.clock)
        do {
            for projection in context.environment.projections() {
                try projections.register(projection)
                if writable { try await catchUp(projection.name, projections) }
            }
            let defined = DefinedProjections(projections: projections, store: handle.store, start: false)
            for name in try await defined.sync() where writable { try await catchUp(name, projections) }
            let result = try body(Loaded(projections: projections, current: writable))
            if writable { await projections.close() }
            await handle.close()
            return result
        } catch {
            if writable { await projections.close() }
            await handle.close()
            throw error
        }
    }

    /// Brings a projection up to the head of the log here, unless another process sharing the
    /// store runs it (PostgreSQL): then its status says `elsewhere`, as of its last checkpoint.
    private static func catchUp(_ name: String, _ projections: Projections) async throws {
        do {
            try await projections.catchUp(name)
        } catch EventStoreError.projectionElsewhere {
            // Shown as its holder last stored it.
        }
    }

    /// `projections`, `projections list`, `create NAME --file F`, `delete NAME`.
    static func runProjections(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        switch (arguments.positional(0), arguments.positional(1)) {
        case (nil, _), ("list", nil):
            if let option = ["file", "by"].first(where: arguments.has) { throw CommandFailure.usage("--\(option) goes with create or delete") }
            return try await runList(context)
        case ("create", let name?):
            return try await DefinedProjectionCommands.create(name, context)
        case ("delete", let name?):
            if arguments.has("file") { throw CommandFailure.usage("--file goes with create") }
            return try await DefinedProjectionCommands.delete(name, context)
        case ("create", nil), ("delete", nil):
            throw CommandFailure.usage("missing NAME")
        case ("list", _?):
            throw CommandFailure.usage("list takes no NAME")
        case (let action?, _):
            throw CommandFailure.usage("unknown action '\(action)': list, create or delete")
        }
    }

    static func runList(_ context: CommandContext) async throws -> Int32 {
        let (statuses, current) = try await withProjections(context) { ($0.projections.status(), $0.current) }
        if context.json {
            context.output.line(JSONValue.array(statuses.map { .object(json($0)) }).compact)
            return ExitCode.success
        }
        var table = Table(["NAME", "SOURCE", "STATUS", "POSITION", "LAG", "PARTITIONS", "CHECKPOINT", "FAULT"],
                          alignments: [.left, .left, .left, .right, .right, .right, .right, .left])
        for status in statuses {
            table.append([status.name, status.source, status.runState.rawValue, String(status.position), String(status.lag),
                          String(status.partitions), status.checkpoint.map(String.init) ?? "-", status.fault.map(describe) ?? ""])
        }
        for line in table.lines() { context.output.line(line) }
        let elsewhere = statuses.contains { $0.runState == .elsewhere }
        context.output.line("\(statuses.count) projection\(statuses.count == 1 ? "" : "s")"
            + (current ? "" : " (as of their last checkpoints: another process writes the store)")
            + (elsewhere ? " (elsewhere: another process runs it; as of its last checkpoint)" : ""))
        return ExitCode.success
    }

    static func runShow(_ context: CommandContext) async throws -> Int32 {
        let name = context.arguments.positionals[0]
        let only = context.arguments.value("partition")
        let (status, states, readable, current) = try await withProjections(context) { loaded -> (ProjectionStatus, [(String, JSONValue)], [String]?, Bool) in
            let projections = loaded.projections
            let status = try projections.status(of: name)
            let partitions = try projections.partitions(of: name)
            if let only, !partitions.contains(only) {
                throw CommandFailure.refused("projection \(name) has no partition \(only)")
            }
            var states: [(String, JSONValue)] = []
            for partition in partitions where only == nil || partition == only {
                guard let data = try projections.stateJSON(of: name, partition: partition) else { continue }
                states.append((partition, (try? JSONParser.parse([UInt8](data))) ?? .string(String(decoding: data, as: UTF8.self))))
            }
            let readable = only == nil ? try ProjectionStateText.lines(of: name, in: projections) : nil
            return (status, states, readable, loaded.current)
        }
        if context.json {
            var members = json(status)
            if states.count == 1, states[0].0.isEmpty, only == nil {
                members.append(("state", states[0].1))
            } else {
                members.append(("states", .object(states.map { (key: $0.0, value: $0.1) })))
            }
            context.output.line(JSONValue.object(members).compact)
            return ExitCode.success
        }
        var table = Table(["", ""])
        table.append(["name", status.name])
        table.append(["source", status.source])
        let note = status.runState == .elsewhere ? " (another process runs it; as of its last checkpoint)"
            : current ? "" : " (as of its last checkpoint: another process writes the store)"
        table.append(["status", status.runState.rawValue + note])
        table.append(["position", "\(status.position) (lag \(status.lag))"])
        table.append(["checkpoint", status.checkpoint.map(String.init) ?? "none"])
        if let fault = status.fault { table.append(["fault", describe(fault)]) }
        for line in table.lines(header: false) { context.output.line(line) }
        if let readable {
            context.output.line("state:")
            for line in readable { context.output.line("  " + line) }
            return ExitCode.success
        }
        for (partition, state) in states {
            context.output.line(partition.isEmpty ? "state:" : "partition \(partition):")
            context.output.line(state.pretty)
        }
        return ExitCode.success
    }

    private static func json(_ status: ProjectionStatus) -> [(key: String, value: JSONValue)] {
        var fault: JSONValue = .null
        if let value = status.fault {
            fault = .object([
                ("message", .string(value.message)),
                ("stream", value.stream.map { .string($0) } ?? .null),
                ("version", value.version.map { .number(String($0)) } ?? .null),
                ("position", value.position.map { .number(String($0)) } ?? .null),
            ])
        }
        return [
            ("name", .string(status.name)),
            ("source", .string(status.source)),
            ("status", .string(status.runState.rawValue)),
            ("position", .number(String(status.position))),
            ("lag", .number(String(status.lag))),
            ("checkpoint", status.checkpoint.map { .number(String($0)) } ?? .null),
            ("partitions", .number(String(status.partitions))),
            ("fault", fault),
        ]
    }

    private static func describe(_ fault: ProjectionFault) -> String {
        var text = fault.message
        if let stream = fault.stream, let version = fault.version { text += " at \(stream)@\(version)" }
        if let position = fault.position { text += " (position \(position))" }
        return text
    }
}
