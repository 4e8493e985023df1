import Core
import Store

/// `seed [--accounts N [--seed S]]`: the starting bank from the bundled seeds, or N synthetic
/// customer accounts; running it again changes nothing.
enum SeedCommand {
    /// The most `--accounts` takes in one run.
    static let maxAccounts = 10_000_000

    static let command = Command(spec: CommandSpec(
        name: "seed",
        usage: ["seed", "seed --accounts N [--seed S]", "seed --sanctions ofac"],
        summary: "seed the accounts and the OFAC sanctions list from seeds/ (idempotent); --accounts adds synthetic customers",
        details: """
        --accounts N adds N synthetic customer accounts on this bank's sort codes (40-12-34/35/36, \
        then more of 40-12-00…65 past 480,000 accounts; numbers from 40000000, every one passing the \
        modulus check), deterministic for --seed S (default 1): realistic UK names, mostly \
        open (about 1.5% blocked, 0.5% closed), opening balances spread as a retail bank's are. \
        They are appended in batches of \(BankSeeder.accountsPerBatch) accounts. The same seed gives \
        the same accounts, so running it again adds nothing, and a larger N adds only the new ones. \
        An empty store gets the bundled seeds first: the accounts and OFAC's SDN list (or, with \
        BANK_SEED_SANCTIONS=fictional, the invented names of seeds/sanctioned-names.txt). \
        --sanctions ofac imports the real OFAC SDN \
        list shipped in seeds/sanctions/ (as `sanctions import` does: a diff, then a snapshot). \
        On a data directory it then folds what it wrote into the bank-wide views and saves them \
        in read-models/, as `run` does, so the console opens on them without folding the log again. \
        JSON: {"streamsWritten","streamsAlreadySeeded"}.
        """,
        options: [
            OptionSpec("accounts", ["N"], help: "add N synthetic customer accounts (at most \(maxAccounts))", value: .integer(0...Int64(maxAccounts))),
            OptionSpec("seed", ["S"], help: "the seed of the synthetic accounts (default 1)", value: .count),
            OptionSpec("sanctions", ["LIST"], help: "ofac: import the bundled OFAC SDN list"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let count = try context.integerOption("accounts")
        let seed = try context.integerOption("seed")
        if let count, count > maxAccounts { throw CommandFailure.usage("--accounts must be at most \(maxAccounts), not \(count)") }
        if count == nil, seed != nil { throw CommandFailure.usage("--seed goes with --accounts N") }
        if let list = context.arguments.value("sanctions") {
            guard list == "ofac" else { throw CommandFailure.usage("unknown list '\(list)': ofac") }
            guard count == nil else { throw CommandFailure.usage("--sanctions goes alone") }
            return try await seedSanctions(context)
        }
        let report: BankSeeder.Report
        if let count {
            let accounts: SyntheticAccounts
            do {
                accounts = try SyntheticAccounts(count: Int(count), seed: UInt64(seed ?? 1))
            } catch {
                throw CommandFailure.corrupt(error.description)
            }
            report = try await withFoldingBank(context) { bank in
                try bank.authorize(.seed, by: BankSession.actor(context))
                return try await BankSeeder(store: bank.store, clock: bank.clock).seed(accounts: accounts)
            }
        } else {
            report = try await withFoldingBank(context, seedWhenEmpty: false) { bank in
                try await bank.seed()
            }
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

    /// Runs `body` on the bank folding the log into the bank-wide views where they are saved
    /// (a data directory: `BankSession.Folding.whereSaved`), and lets them fold what `body`
    /// wrote before the bank closes. The close saves them in `read-models/` as `run`'s does, so
    /// the first console opened afterwards resumes there instead of folding every event seeded
    /// (about two per account). Processors stay stopped: seeding moves no payment.
    static func withFoldingBank<T>(_ context: CommandContext, seedWhenEmpty: Bool = true,
                                   _ body: (Bank) async throws -> T) async throws -> T {
        try await BankSession.withBank(context, processors: false, seedWhenEmpty: seedWhenEmpty, folding: .whereSaved) { bank in
            let result = try await body(bank)
            try await bank.readModelsCatchUp()
            return result
        }
    }

    /// `seed --sanctions ofac`: the bundled OFAC SDN list into the sanctions list.
    static func seedSanctions(_ context: CommandContext) async throws -> Int32 {
        let list: OFACList
        do {
            list = try OFACList.bundled()
        } catch {
            throw CommandFailure.corrupt(error.description)
        }
        let plan = try await withFoldingBank(context) { bank in
            try await bank.importSanctions(list.entries, by: BankSession.actor(context), authorizedAs: .seed)
        }
        context.output.line(context.json
            ? JSONValue.object([("added", .number(String(plan.added.count))), ("changed", .number(String(plan.changed.count))),
                                ("removed", .number(String(plan.removed.count))), ("unchanged", .number(String(plan.unchanged)))]).compact
            : "seeded the OFAC SDN list: \(plan.added.count) added, \(plan.changed.count) changed, \(plan.removed.count) removed, \(plan.unchanged) unchanged")
        return ExitCode.success
    }
}
