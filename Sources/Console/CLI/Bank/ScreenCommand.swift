import Core
import Foundation
import Store

/// `screen NAME… | --file F`: screens names against the store's sanctions list, no payment.
enum ScreenCommand {
    static let command = Command(spec: CommandSpec(
        name: "screen",
        usage: ["screen NAME... [--json]", "screen --file F [--json]"],
        summary: "screen names against the sanctions list, without a payment",
        details: """
        One result per name (each argument is one name; quote names with spaces; with --file, one \
        name per line, blank lines skipped): hit or clear, the score from 0 to 100, and for a hit \
        the list entry (id, primary name, the alias that matched, type, programmes). Uses the \
        list in the store (after `sanctions import`, OFAC's) and the bank's hold threshold \
        (`settings screening-hold-at`, 85 by default). Exit 0 when every name is clear, 1 when \
        at least one is a hit. Reads the store only. JSON: an array of {"name","hit","score", \
        "entryId","listNumber","entryName","matched","type","programs"}.
        """,
        positionals: [PositionalSpec(name: "NAME", isOptional: true, isVariadic: true, keepsApart: true)],
        options: [OptionSpec("file", ["F"], help: "a file of names, one per line", value: .path)]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let names = try names(context)
        let (entries, settings) = try await context.withReadOnlyStore { store in
            let entries = try SanctionsList.load(from: store).entries
            return (entries, try BankSession.asCommand { () throws(BankError) in try BankSettings.load(from: store) })
        }
        let threshold = settings.screeningHoldAtIsSet ? Double(settings.screeningHoldAt) / 100 : BankConfiguration().screeningThreshold
        let screener = SanctionsScreener(entries: entries, threshold: threshold)
        var rows: [JSONValue] = []
        var hits = 0
        for name in names {
            let best = screener.matches(for: name).first
            if best != nil { hits += 1 }
            let score = BankRendering.score100(best?.score ?? 0)
            if context.json {
                rows.append(.object([
                    ("name", .string(name)), ("hit", .bool(best != nil)), ("score", .number(String(score))),
                    ("entryId", best.map { .string($0.entry.entryId) } ?? .null),
                    ("listNumber", best?.entry.listNumber.map { .number(String($0)) } ?? .null),
                    ("entryName", best.map { .string($0.entry.name) } ?? .null),
                    ("matched", best.map { .string($0.matched) } ?? .null),
                    ("type", best?.entry.kind.map { .string($0) } ?? .null),
                    ("programs", .array((best?.entry.programs ?? []).map { .string($0) })),
                ]))
            } else if let best {
                let alias = best.matched == best.entry.name ? "" : " as \"\(best.matched)\""
                let programs = (best.entry.programs ?? []).joined(separator: ", ")
                let kind = best.entry.kind.map { " \($0)" } ?? ""
                context.output.line("hit   \(padded(score))  \(DisplayText.cut(name)) → \(best.entry.entryId) \(best.entry.name)\(alias)\(kind)"
                    + (programs.isEmpty ? "" : " [\(programs)]"))
            } else {
                context.output.line("clear \(padded(score))  \(DisplayText.cut(name))")
            }
        }
        if context.json { context.output.line(JSONValue.array(rows).compact) }
        return hits == 0 ? ExitCode.success : ExitCode.refused
    }

    /// A score right-aligned in three columns.
    static func padded(_ score: Int) -> String {
        let text = String(score)
        return String(repeating: " ", count: max(0, 3 - text.count)) + text
    }

    /// The names to screen: the positionals, or the lines of `--file`.
    static func names(_ context: CommandContext) throws(CommandFailure) -> [String] {
        let given = context.arguments.positionals
        if let path = context.arguments.value("file") {
            guard given.isEmpty else { throw .usage("give names or --file, not both") }
            let url = URL(fileURLWithPath: path, relativeTo: context.environment.workingDirectory)
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw .refused("cannot read \(url.path) as UTF-8 text")
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !lines.isEmpty else { throw .usage("\(url.lastPathComponent) holds no names") }
            return lines
        }
        let names = given.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { throw .usage("missing NAME (or --file F)") }
        return names
    }
}
