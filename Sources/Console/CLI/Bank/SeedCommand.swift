import Core
import Store

/// `seed`: the starting bank from the bundled seeds; running it again changes nothing.
enum SeedCommand {
    static let command = Command(spec: CommandSpec(
        name: "seed",
        usage: ["seed"],
        summary: "seed the accounts and sanctioned names from seeds/ (idempotent)",
        details: "JSON: {\"streamsWritten\",\"streamsAlreadySeeded\"}."
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let report = try await BankSession.withBank(context, processors: false, seedWhenEmpty: false) { bank in
            try await bank.seed()
        }
        if context.json {
            context.output.line(JSONValue.object([
                ("streamsWritten", .number(String(report.streamsWritten))),
                ("streamsAlreadySeeded", .number(String(report.streamsAlreadySeeded))),
            ]).compact)
        } else {
            context.output.line("seeded \(report.streamsWritten) stream\(report.streamsWritten == 1 ? "" : "s"); \(report.streamsAlreadySeeded) already seeded")
        }
        return ExitCode.success
    }
}
