import Foundation
import Store

extension Bank {
    /// Imports a list (OFAC's SDN list, read by `OFACList`) into the sanctions list as a diff:
    /// one append of every added, changed and removed entry on `SanctionedNames` at the list's
    /// exact version (all or nothing), then a snapshot of the whole list (in parts when large),
    /// so loading it does not replay the import. Returns what changed; an import that changes
    /// nothing writes nothing.
    @discardableResult
    public func importSanctions(_ entries: [SanctionedEntry], by: String) async throws(BankError) -> SanctionsImportPlan {
        var plan = SanctionsImportPlan(current: try sanctionsList().state, importing: entries)
        if plan.isEmpty { return plan }
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by)) { () throws(BankError) in
            let list = try sanctionsList()
            plan = SanctionsImportPlan(current: list.state, importing: entries)
            return .success(Decision(stream: .sanctionedNames, expected: Decision.after(list.version), events: plan.pendingEvents(by: by)))
        }
        let list = try sanctionsList()
        if let version = list.version {
            let snapshot = SanctionsListSnapshotTaken(version: version, entries: list.entries)
            _ = try await execute(as: Self.operatorIdentity(.sanctions, by)) { () throws(BankError) in
                .success(SanctionsCommands.snapshotDecision(snapshot))
            }
        }
        return plan
    }
}
