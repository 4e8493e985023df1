import Store

/// `read STREAM [--from N] [--backward] [--count N]`: events of a stream, an index or `$all`.
enum ReadCommand {
    static let command = Command(spec: CommandSpec(
        name: "read",
        usage: ["read STREAM [--from N] [--backward] [--count N]"],
        summary: "read a stream's events; STREAM may be $all, $ce-X, $et-X or $streams",
        details: """
        --from is a version (a global position for $all; an entry number for $ce-X, $et-X and \
        $streams). Reading $ce-X or $et-X yields the original events in that index's order. \
        JSON: an array of events {"stream","version","position","type","id","created","data","metadata"}.
        """,
        positionals: [PositionalSpec(name: "STREAM")],
        options: [
            OptionSpec("from", ["N"], help: "first version or position to read (default: the start, or the end with --backward)", value: .count),
            OptionSpec("backward", help: "read from newest to oldest"),
            OptionSpec("count", ["N"], help: "read at most N events (default: all)", value: .count),
        ]
    ), run: run)

    /// Events fetched per store read, so any stream prints in constant memory.
    static let pageSize = 512

    static func run(_ context: CommandContext) async throws -> Int32 {
        let name = context.arguments.positionals[0]
        let target = ReadTarget(name)
        let from = try context.integerOption("from")
        let limit = try context.integerOption("count").map { Int(clamping: $0) } ?? .max
        let direction: ReadDirection = context.arguments.has("backward") ? .backward : .forward
        let throughIndex: Bool = switch target {
        case .category, .eventType, .streams: true
        case .stream, .all: false
        }
        try await context.withReadOnlyStore { store in
            var start: StreamPosition = from.map { .version($0) } ?? (direction == .forward ? .start : .end)
            var printed = 0
            var pageNumber = 0
            if context.json { context.output.write("[") }
            while printed < limit {
                // Past the end of `$all` there is nothing to read (and the store must not be asked).
                if case .all = target, direction == .forward, case .version(let position) = start,
                   position >= Int64(clamping: store.headPosition) { break }
                let page = try store.read(target, from: start, direction: direction, maxCount: min(pageSize, limit - printed))
                if page.isEmpty { break }
                if context.json {
                    var text = ""
                    for event in page {
                        text += (printed == 0 ? "\n" : ",\n") + EventRendering.json(event).compact
                        printed += 1
                    }
                    context.output.write(text)
                } else {
                    var table = Table(EventRendering.headers(throughIndex: throughIndex),
                                      alignments: [.right, .right, .left, .left, .left, .left])
                    for event in page { table.append(EventRendering.row(event)) }
                    for line in table.lines(header: pageNumber == 0) { context.output.line(line) }
                    printed += page.count
                }
                pageNumber += 1
                let last = page[page.count - 1]
                let cursor: Int64 = switch target {
                case .all: Int64(last.position)
                case .stream: last.version
                case .category, .eventType, .streams: last.link?.version ?? last.version
                }
                if direction == .backward && cursor == 0 { break }
                start = .version(direction == .forward ? cursor + 1 : cursor - 1)
            }
            if context.json {
                context.output.line(printed == 0 ? "]" : "\n]")
            } else if printed == 0 {
                context.output.line("no events")
            }
        }
        return ExitCode.success
    }
}
