import Foundation
import Store

extension Bank {
    /// Imports a list (OFAC's SDN list, read by `OFACList`) into the sanctions list as a diff:
    /// one append of every added, changed and removed entry on `SanctionedNames` at the list's
    /// exact version (all or nothing), then a snapshot of the whole list (in parts when large),
    /// so loading it does not replay the import. Returns what changed; an import that changes
    /// nothing writes nothing.
    ///
    /// It replaces the whole list, so it needs the permission to change it (`action`: a
    /// supervisor's; `seed`'s when the seed command loads the bundled list), checked before
    /// anything is read or written; the operator's role, host, OS user and process go with the
    /// events into the audit trail.
    /// - Throws: `BankError.notAnOperator` or `.roleRequired` when `by` may not.
    @discardableResult
    public func importSanctions(_ entries: [SanctionedEntry], by: String,
                                authorizedAs action: OperatorAction = .changeSanctions) async throws(BankError) -> SanctionsImportPlan {
        let actingRole = try authorize(action, by: by)
        return try await writeSanctionsImport(entries, by: by, origin: .thisProcess(role: actingRole))
    }

    /// The import, without asking whose permission: for the bank's own seeding of a new bank
    /// (which has no operator yet) and for measuring it.
    @discardableResult
    package func writeSanctionsImport(_ entries: [SanctionedEntry], by: String, origin: OperatorOrigin?) async throws(BankError) -> SanctionsImportPlan {
        var plan = SanctionsImportPlan(current: try sanctionsList().state, importing: entries)
        if plan.isEmpty { return plan }
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by), origin: origin) { () throws(BankError) in
            let list = try sanctionsList()
            plan = SanctionsImportPlan(current: list.state, importing: entries)
            return .success(Decision(stream: .sanctionedNames, expected: Decision.after(list.version), events: plan.pendingEvents(by: by)))
        }
        let list = try sanctionsList()
        if let version = list.version {
            let snapshot = SanctionsListSnapshotTaken(version: version, entries: list.entries)
            _ = try await execute(as: Self.operatorIdentity(.sanctions, by), origin: origin) { () throws(BankError) in
                .success(SanctionsCommands.snapshotDecision(snapshot))
            }
        }
        return plan
    }
}
