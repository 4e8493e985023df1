import Core
import Store

/// `streams [--prefix P]`: every stream with its last version and position.
enum StreamsCommand {
    static let command = Command(spec: CommandSpec(
        name: "streams",
        usage: ["streams [--prefix P]"],
        summary: "list streams with their last version",
        details: "JSON: an array of {\"stream\",\"lastVersion\",\"lastPosition\",\"deleted\"}, in name order.",
        options: [OptionSpec("prefix", ["P"], help: "only streams whose name starts with P")]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let streams = try await context.withReadOnlyStore { store in
            store.streams(prefix: context.arguments.value("prefix"))
        }
        if context.json {
            let items = streams.map { info in
                JSONValue.object([
                    ("stream", .string(info.name)),
                    ("lastVersion", .number(String(info.lastVersion))),
                    ("lastPosition", .number(String(info.lastPosition))),
                    ("deleted", .bool(info.isDeleted)),
                ])
            }
            context.output.line(JSONValue.array(items).compact)
            return ExitCode.success
        }
        var table = Table(["STREAM", "LAST VERSION", "LAST POSITION", "STATUS"], alignments: [.left, .right, .right, .left])
        for info in streams {
            table.append([info.name, String(info.lastVersion), String(info.lastPosition), info.isDeleted ? "deleted" : ""])
        }
        for line in table.lines() { context.output.line(line) }
        context.output.line("\(streams.count) stream\(streams.count == 1 ? "" : "s")")
        return ExitCode.success
    }
}
