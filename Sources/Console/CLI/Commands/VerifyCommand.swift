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
        guard try context.storeExists() else {
            throw CommandFailure.refused("no store in \(context.storeDirectory.path)")
        }
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
}
