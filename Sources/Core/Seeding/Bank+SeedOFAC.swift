import Foundation
import Store

extension Bank {
    /// Seeds the accounts of `files` and, instead of their invented names, OFAC's SDN list
    /// shipped in `seeds/sanctions/`; idempotent (an import that changes nothing writes nothing).
    func seedWithOFAC(_ files: SeedFiles) async throws(BankError) -> BankSeeder.Report {
        var report: BankSeeder.Report
        do {
            report = try await BankSeeder(store: store, clock: clock).seed(SeedFiles(accounts: files.accounts, sanctionedNames: []))
        } catch {
            throw .store(error)
        }
        let list: OFACList
        do {
            list = try OFACList.bundled()
        } catch {
            throw .seedFailed(error.description)
        }
        let plan = try await writeSanctionsImport(list.entries, by: "seed", origin: nil)
        if plan.added.isEmpty && plan.changed.isEmpty && plan.removed.isEmpty {
            report.streamsAlreadySeeded += 1
        } else {
            report.streamsWritten += 1
        }
        return report
    }
}
