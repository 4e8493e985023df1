import Core
import Foundation

/// `sanctions import FILE [--aliases ALT_FILE] [--format ofac-sdn]`: OFAC's SDN list into the
/// sanctions list, as a diff (added, changed, removed), malformed lines reported and skipped.
enum SanctionsImportCommand {
    static let formats = ["ofac-sdn"]

    static func run(_ context: CommandContext, file: String) async throws -> Int32 {
        let format = context.arguments.value("format") ?? "ofac-sdn"
        guard formats.contains(format) else { throw CommandFailure.usage("unknown format '\(format)': ofac-sdn") }
        let directory = context.environment.workingDirectory
        let sdnURL = URL(fileURLWithPath: file, relativeTo: directory)
        let aliasesURL = context.arguments.value("aliases").map { URL(fileURLWithPath: $0, relativeTo: directory) }
        let sdn = try read(sdnURL)
        let aliases = try aliasesURL.map(read)
        let list = OFACList(sdn: sdn, sdnName: sdnURL.lastPathComponent, aliases: aliases, aliasesName: aliasesURL?.lastPathComponent ?? "alt.csv")
        for issue in list.issues { context.errors.line("bank-console sanctions: \(issue)") }
        if list.entries.isEmpty { throw CommandFailure.refused("\(sdnURL.lastPathComponent) holds no entries; nothing imported") }
        let plan = try await BankSession.withBank(context, processors: false) { bank in
            try await bank.importSanctions(list.entries, by: BankSession.actor(context))
        }
        if context.json {
            context.output.line(JSONValue.object([
                ("entries", .number(String(list.entries.count))), ("aliases", .number(String(list.aliasCount))),
                ("added", .number(String(plan.added.count))), ("changed", .number(String(plan.changed.count))),
                ("removed", .number(String(plan.removed.count))), ("unchanged", .number(String(plan.unchanged))),
                ("aliasesWithoutEntry", .number(String(list.orphanAliases))),
                ("skippedLines", .array(list.issues.map { .string($0.description) })),
            ]).compact)
        } else {
            context.output.line("imported \(list.entries.count) entries and \(list.aliasCount) aliases: \(plan.added.count) added, "
                + "\(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged) unchanged")
            if list.orphanAliases > 0 { context.output.line("\(list.orphanAliases) aliases skipped: their entry is not in \(sdnURL.lastPathComponent)") }
            if !list.issues.isEmpty { context.output.line("\(list.issues.count) malformed line\(list.issues.count == 1 ? "" : "s") skipped") }
        }
        return list.issues.isEmpty ? ExitCode.success : ExitCode.refused
    }

    private static func read(_ url: URL) throws(CommandFailure) -> [UInt8] {
        do {
            return Array(try Data(contentsOf: url))
        } catch {
            throw .refused("cannot read \(url.path)")
        }
    }
}
