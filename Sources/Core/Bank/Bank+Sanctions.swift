import Foundation
import Store

extension Bank {
    /// Adds a name (with aliases) to the sanctions list; screening uses it from the next payment.
    @discardableResult
    public func addSanctionedName(_ name: String, aliases: [String] = [], by: String = "operator") async throws(BankError) -> SanctionedEntry {
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by)) { () throws(BankError) in
            let list = try reading { () throws(EventStoreError) in try views.sanctions() }
            return SanctionsCommands.add(name: name, aliases: aliases, by: by, list: list.state, version: list.version)
        }
        let list = try reading { () throws(EventStoreError) in try views.sanctions() }
        guard let entry = list.state.entry(named: name) else { throw .notSanctioned(name) }
        return entry
    }

    /// Removes the entry whose id, name or alias is `nameOrId`.
    public func removeSanctionedName(_ nameOrId: String, by: String = "operator") async throws(BankError) {
        _ = try await execute(as: Self.operatorIdentity(.sanctions, by)) { () throws(BankError) in
            let list = try reading { () throws(EventStoreError) in try views.sanctions() }
            return SanctionsCommands.remove(nameOrId, by: by, list: list.state, version: list.version)
        }
    }

    /// The current sanctions list.
    public func sanctionedNames() throws(BankError) -> [SanctionedEntry] {
        try reading { () throws(EventStoreError) in try views.sanctions().state.entries }
    }
}
