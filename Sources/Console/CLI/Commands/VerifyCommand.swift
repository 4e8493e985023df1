import Core
import Store

/// `verify`: checks every record, the index and the checkpoints; exit 3 on corruption.
enum VerifyCommand {
    static let command = Command(spec: CommandSpec(
        name: "verify",
        usage: ["verify"],
        summary: "check every record, the index and the checkpoints",
        details: "Exit 0 when the store is sound; exit 3 naming the file and offset of the first damaged record. Works while the console runs (it never takes the write lock)."
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        try requireStore(context)
        let report = try await context.environment.stores.verify(at: context.storeDirectory)
        if context.json {
            context.output.line(JSONValue.object([
                ("ok", .bool(true)), ("events", .number(String(report.events))),
                ("checks", .array(report.lines.map { .string($0) })),
            ]).compact)
        } else {
            for line in report.lines { context.output.line(line) }
            context.output.line("ok: \(report.events) events verified")
        }
        return ExitCode.success
    }

    /// Refuses (exit 1) when the store's location holds no store: these commands never create one.
    static func requireStore(_ context: CommandContext) throws {
        guard try context.storeExists() else {
            throw CommandFailure.refused("no store in \(context.storeDirectory.path)")
        }
    }
}

/// `reindex`: rebuilds a data directory's index from its log, replacing every index part (the
/// remedy when `verify` names a damaged one; the log is only read).
enum ReindexCommand {
    static let command = Command(spec: CommandSpec(
        name: "reindex",
        usage: ["reindex"],
        summary: "rebuild a data directory's index from its log (when verify names a damaged index part)",
        details: """
        Takes the write lock (exit 1 while a console or another command writes the store), reads \
        the whole log, writes the index parts anew and removes the old ones; the log itself is only \
        read. Prints how many events the index covers. JSON: {"ok":true,"events":N}. A PostgreSQL \
        store keeps its indexes itself: refused.
        """
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        try VerifyCommand.requireStore(context)
        let events = try await context.environment.stores.rebuildIndex(at: context.storeDirectory)
        if context.json {
            context.output.line(JSONValue.object([("ok", .bool(true)), ("events", .number(String(events)))]).compact)
        } else {
            context.output.line("ok: index rebuilt from the log, \(events) events")
        }
        return ExitCode.success
    }
}
