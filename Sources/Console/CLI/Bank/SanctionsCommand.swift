import Core
import Foundation
import Store

/// `sanctions [add NAME | remove NAME]`: the sanctioned-names list, and changing it.
enum SanctionsCommand {
    static let command = Command(spec: CommandSpec(
        name: "sanctions",
        usage: ["sanctions [add NAME [--aliases \"A; B\"] | remove NAME] [--by NAME]",
                "sanctions import FILE [--aliases ALT_FILE] [--format ofac-sdn] [--by NAME]"],
        summary: "list the sanctioned names, or add or remove one",
        details: """
        Without arguments, lists the entries in the order they were added. `add` puts a name \
        (and aliases) on the list; screening uses it from the next payment. `remove` takes the \
        entry whose id, name or alias is NAME off the list. Quote names with spaces, or give \
        them as several words. `import` reads OFAC's SDN list (legacy CSV, with its alias file \
        after --aliases) and records what it adds, changes and removes (entries OFAC-{ent_num}); \
        a malformed line is reported with its line number and skipped (exit 1 then), and the \
        rest goes in as one append. JSON: an array of {"entryId","name","aliases"}; add prints \
        the new entry; import prints its counts.
        """,
        positionals: [PositionalSpec(name: "ACTION", isOptional: true), PositionalSpec(name: "NAME", isOptional: true, isVariadic: true)],
        options: [
            OptionSpec("aliases", ["\"A; B\""], help: "other names of the entry, separated by semicolons (add only)"),
            OptionSpec.by("who changes the list"),
            OptionSpec("format", ["NAME"], help: "the import file's format: ofac-sdn (the default)"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        switch (arguments.positional(0), arguments.positional(1)) {
        case (nil, _):
            if arguments.has("aliases") { throw CommandFailure.usage("--aliases goes with add") }
            return try await list(context)
        case ("add", let name?):
            let aliases = (arguments.value("aliases") ?? "").split(separator: ";")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let entry = try await BankSession.withBank(context, processors: false) { bank in
                try await bank.addSanctionedName(name, aliases: aliases, by: BankSession.actor(context))
            }
            if context.json {
                context.output.line(BankRendering.json(entry).compact)
            } else {
                context.output.line("added \(entry.entryId) \(entry.name)" + (entry.aliases.isEmpty ? "" : " (\(entry.aliases.joined(separator: "; ")))"))
            }
            return ExitCode.success
        case ("remove", let name?):
            if arguments.has("aliases") { throw CommandFailure.usage("--aliases goes with add") }
            try await BankSession.withBank(context, processors: false) { bank in
                try await bank.removeSanctionedName(name, by: BankSession.actor(context))
            }
            context.printDone("removed \(name)", [("removed", .string(name))])
            return ExitCode.success
        case ("import", let file?):
            return try await SanctionsImportCommand.run(context, file: file)
        case ("add", nil), ("remove", nil), ("import", nil):
            throw CommandFailure.usage("missing NAME")
        case (let action?, _):
            throw CommandFailure.usage("unknown action '\(action)': add, remove or import")
        }
    }

    private static func list(_ context: CommandContext) async throws -> Int32 {
        let entries = try await context.withReadOnlyStore { store in try BankView.trusted(EntityReads.folding([try EntityReads.events(of: BankStream.sanctionedNames.name, in: store)])).sanctions.entries }
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
