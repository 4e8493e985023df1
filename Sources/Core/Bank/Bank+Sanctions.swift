import Foundation
import Store

extension Bank {
    /// Adds a name (with aliases) to the sanctions list; screening uses it from the next payment.
    @discardableResult
    public func addSanctionedName(_ name: String, aliases: [String] = [], by: String = "operator") async throws(BankError) -> SanctionedEntry {
        let actingRole = try authorize(.changeSanctions, by: by)
        var added: SanctionedEntry?
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            let decision = SanctionsCommands.add(name: name, aliases: aliases, by: by, list: try sanctionsList())
            if case .success(let decided) = decision, case .sanctionedNameAdded(let event)? = decided.events.first?.event {
                added = event.entry
            }
            return decision
        }
        try await snapshotSanctionsIfDue(by: by)
        guard let added else { throw .notSanctioned(name) }
        return added
    }

    /// Removes the entry whose id or primary name is `nameOrId`.
    public func removeSanctionedName(_ nameOrId: String, by: String = "operator") async throws(BankError) {
        let actingRole = try authorize(.changeSanctions, by: by)
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            SanctionsCommands.remove(nameOrId, by: by, list: try sanctionsList())
        }
        try await snapshotSanctionsIfDue(by: by)
    }

    /// The current sanctions list.
    public func sanctionedNames() throws(BankError) -> [SanctionedEntry] {
        try sanctionsList().entries
    }

    /// The list loaded from its latest snapshot plus the changes since.
    func sanctionsList() throws(BankError) -> SanctionsList {
        do {
            return try SanctionsList.load(from: store)
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .unreadableSanctionsList(String(describing: error))
        }
    }

    private func snapshotSanctionsIfDue(by: String) async throws(BankError) {
        guard let snapshot = SanctionsCommands.snapshot(of: try sanctionsList()) else { return }
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by)) { () throws(BankError) in .success(snapshot) }
    }
}
