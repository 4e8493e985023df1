import Core
import Foundation
import Store

/// `append STREAM TYPE [--data JSON] [--metadata JSON] [--id UUID] [--expected ...]`.
enum AppendCommand {
    static let command = Command(spec: CommandSpec(
        name: "append",
        usage: ["append STREAM TYPE [--data JSON] [--metadata JSON] [--id UUID] [--expected any|no-stream|exists|N]"],
        summary: "append one event; prints ok STREAM VERSION POSITION once it is durable",
        details: """
        Data and metadata must be JSON (default: none). Appending again with the same --id is \
        idempotent: it prints the original version and position and writes nothing. A wrong \
        expected version is refused (exit 1) naming the stream's actual version. The bank's own \
        streams (Accounts-, Ledger-, Payments-, Scheme-, SanctionedNames...) and event types are \
        refused (exit 1) naming the command that writes them; nothing is written.
        """,
        positionals: [PositionalSpec(name: "STREAM"), PositionalSpec(name: "TYPE")],
        options: [
            OptionSpec("data", ["JSON"], help: "the event's data"),
            OptionSpec("metadata", ["JSON"], help: "the event's metadata"),
            OptionSpec("id", ["UUID"], help: "the event id (default: a new random one)"),
            OptionSpec("expected", ["VERSION"], help: "any (default), no-stream, exists, or the stream's last version N"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        let stream = arguments.positionals[0]
        let type = arguments.positionals[1]
        try EventInput.validate(stream: stream, type: type)
        try BankOwnedStreams.refuse(stream: stream, type: type)
        let data = try arguments.value("data").map { text throws(CommandFailure) in try EventInput.json(text, field: "--data") } ?? Data()
        let metadata = try arguments.value("metadata").map { text throws(CommandFailure) in try EventInput.json(text, field: "--metadata") } ?? Data()
        let id = try arguments.value("id").map { text throws(CommandFailure) in try EventInput.id(text) } ?? UUID()
        let expected = try arguments.value("expected").map { text throws(CommandFailure) in try EventInput.expected(text) } ?? .any
        let result = try await context.withWritableStore { store in
            try await store.append(to: stream, expected: expected, events: [EventData(id: id, type: type, data: data, metadata: metadata)])
        }
        context.output.line(EventInput.okLine(stream: stream, version: result.firstVersion, position: result.firstPosition, json: context.json))
        return ExitCode.success
    }
}
