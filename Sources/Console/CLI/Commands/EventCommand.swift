import Store

/// `event STREAM VERSION` or `event --position P`: one event in full.
enum EventCommand {
    static let command = Command(spec: CommandSpec(
        name: "event",
        usage: ["event STREAM VERSION", "event --position P"],
        summary: "show one event with its data and metadata",
        details: "STREAM may be an index ($ce-X, $et-X, $streams: VERSION is the entry number, the original event is shown) or $all (VERSION is the position). JSON: {\"stream\",\"version\",\"position\",\"type\",\"id\",\"created\",\"data\",\"metadata\"}; data and metadata are JSON values, or base64 strings when not JSON.",
        positionals: [PositionalSpec(name: "STREAM", isOptional: true), PositionalSpec(name: "VERSION", isOptional: true, value: .count)],
        options: [OptionSpec("position", ["P"], help: "the event at global position P instead", value: .count)]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        let position = try context.integerOption("position")
        let version: Int64?
        switch (position, arguments.positionals.count) {
        case (.some, 0):
            version = nil
        case (.some, _):
            throw CommandFailure.usage("give either STREAM VERSION or --position P, not both")
        case (nil, 2):
            guard let number = Int64(arguments.positionals[1]), number >= 0 else {
                throw CommandFailure.refused("VERSION must be a non-negative whole number, not '\(arguments.positionals[1])'")
            }
            version = number
        case (nil, _):
            throw CommandFailure.usage(arguments.positionals.isEmpty ? "missing STREAM VERSION (or --position P)" : "missing VERSION")
        }
        let event = try await context.withReadOnlyStore { store in
            if let position { return try store.event(at: UInt64(position)) }
            let name = arguments.positionals[0]
            let number = version ?? 0
            switch ReadTarget(name) {
            case .stream:
                return try store.event(stream: name, version: number)
            case .all:
                return try store.event(at: UInt64(number))
            case let target:
                // An entry of a system index: the original event it points to.
                guard let event = try store.read(target, from: .version(number), direction: .forward, maxCount: 1).first,
                      event.link?.version == number else {
                    throw EventStoreError.eventNotFound(stream: name, version: number)
                }
                return event
            }
        }
        if context.json {
            context.output.line(EventRendering.json(event).compact)
        } else {
            context.output.write(EventRendering.detail(event))
        }
        return ExitCode.success
    }
}
