import Foundation
import Store

/// `import [FILE|-]`: NDJSON events, one per line, appended durably in bulk.
enum ImportCommand {
    static let command = Command(spec: CommandSpec(
        name: "import",
        usage: ["import [FILE|-]"],
        summary: "append NDJSON events, printing each as soon as it is durable",
        details: """
        Reads FILE, or standard input when FILE is - or missing, one JSON object per line: \
        {"stream","type","data", "metadata"?, "id"?, "expected"?}. data and metadata are any \
        JSON values, stored exactly as written; "dataEncoding":"base64" marks a base64 body, \
        and `read --json` output imports as it is (its [ ] lines and trailing commas are skipped); other fields are ignored. For each line it \
        prints `ok STREAM VERSION POSITION` once the event is durable, or `error LINE REASON`; \
        a bad line never stops the rest. Lines of one stream are appended in input order; many \
        appends are in flight at once and the output keeps input order. Memory stays constant \
        for any input size. Give ids to make a re-run after a crash idempotent. A line for one of \
        the bank's own streams (Accounts-, Ledger-, Payments-, Scheme-, SanctionedNames...) or \
        event types is refused (`error LINE ... belongs to the bank; use ...`), nothing written. \
        Exit 1 if any line failed.
        """,
        positionals: [PositionalSpec(name: "FILE", isOptional: true)]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let path = context.arguments.positional(0) ?? "-"
        let descriptor: Int32?
        if path == "-" {
            descriptor = nil
        } else {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : context.environment.workingDirectory.appendingPathComponent(path)
            let opened = open(url.path, O_RDONLY)
            guard opened >= 0 else { throw CommandFailure.refused("cannot open \(path): \(String(cString: strerror(errno)))") }
            descriptor = opened
        }
        defer { if let descriptor { close(descriptor) } }
        let input = context.environment.standardInput
        let summary = try await context.withWritableStore { store in
            let pipeline = ImportPipeline(store: store, output: context.output, json: context.json)
            return await pipeline.run {
                if let descriptor { return LineSource(descriptor: descriptor) }
                return input.lines()
            }
        }
        if let reason = summary.readError {
            context.errors.line("bank-console import: reading \(path == "-" ? "standard input" : path) failed: \(reason); \(summary.appended) events imported")
            return ExitCode.refused
        }
        if let reason = summary.stoppedBy {
            context.errors.line("bank-console import: stopped: \(CommandLineTool.oneLine(reason)); \(summary.appended) events imported")
            return ExitCode.refused
        }
        if summary.failed > 0 {
            context.errors.line("bank-console import: \(summary.appended) events imported, \(summary.failed) line\(summary.failed == 1 ? "" : "s") refused")
            return ExitCode.refused
        }
        return ExitCode.success
    }
}
