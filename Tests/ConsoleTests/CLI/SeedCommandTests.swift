import Core
import Foundation
import Store
import Testing
@testable import Console

/// `seed` on a real data directory saves the bank-wide views as `run` does, so the first console
/// opened afterwards resumes from them instead of folding the whole log again.
@Suite struct SeedCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("seed-command-\(UUID().uuidString)")
    var directory: URL { root.appendingPathComponent("bank-data") }
    let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))

    /// Runs a command line on the file store in `root`, as the real binary does (with the
    /// invented sanctions list: small, so seeding stays quick).
    func run(_ line: String) async -> CLIHarness.Run {
        let output = BufferedOutput(), errors = BufferedOutput()
        let environment = CommandEnvironment(
            standardOutput: output, standardError: errors, standardInput: .bytes(Data()),
            variables: ["BANK_OPERATOR": "sam", "BANK_SEED_SANCTIONS": "fictional"], workingDirectory: root, clock: clock,
            stores: FileStoreProvider(durability: .os), seed: BankSession.seed(clock: clock, sanctions: .fictional),
            projections: { [] }, console: nil)
        let status = await CommandLineTool(environment: environment).run(line.split(separator: " ").map(String.init))
        return CLIHarness.Run(status: status, output: output.text, errors: errors.text)
    }

    /// The bank on the directory, opened as a console opens it: following the log, resuming
    /// the read models from `read-models/`.
    func openBank() async throws -> Bank {
        try await Bank.open(directory: directory, clock: clock, durability: .os,
                            configuration: BankConfiguration(seedWhenEmpty: false, subscriptionTick: nil))
    }

    @Test func seedingAccountsSavesReadModelsThatCoverTheWholeLog() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let seeded = await run("seed --accounts 5")
        #expect(seeded.status == 0, "\(seeded)")
        #expect(seeded.errors == "")

        let bank = try await openBank()
        let head = bank.store.headPosition
        try #require(head > 0)
        #expect(bank.readModelsOrigin == .resumed(position: head - 1), "the console folds nothing: the save covers the last event")
        #expect(bank.readModelsProgress.next == head)
        #expect(bank.readModels.accounts.count == 29, "the 24 bundled accounts and the 5 synthetic ones")
        await bank.close()
    }

    @Test func seedingTheBundledBankSavesReadModelsThatCoverTheWholeLog() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let seeded = await run("seed")
        #expect(seeded.status == 0, "\(seeded)")

        let bank = try await openBank()
        let head = bank.store.headPosition
        try #require(head > 0)
        #expect(bank.readModelsOrigin == .resumed(position: head - 1))
        #expect(bank.readModels.accounts.count == 24)
        await bank.close()
    }
}
