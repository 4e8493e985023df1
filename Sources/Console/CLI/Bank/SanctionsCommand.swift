import Core
import Store

/// `sanctions`: the sanctioned-names list.
enum SanctionsCommand {
    static let command = Command(spec: CommandSpec(
        name: "sanctions",
        usage: ["sanctions"],
        summary: "list the sanctioned names with their aliases",
        details: "JSON: an array of {\"entryId\",\"name\",\"aliases\"} in the order they were added."
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let entries = try await context.withReadOnlyStore { store in try BankView.fold(store).sanctions.entries }
        if context.json {
            context.output.line(JSONValue.array(entries.map(BankRendering.json)).compact)
            return ExitCode.success
        }
        var table = Table(["ENTRY", "NAME", "ALIASES"])
        for entry in entries { table.append([entry.entryId, entry.name, entry.aliases.joined(separator: "; ")]) }
        for line in table.lines() { context.output.line(line) }
        context.output.line("\(entries.count) sanctioned name\(entries.count == 1 ? "" : "s")")
        return ExitCode.success
    }
}
