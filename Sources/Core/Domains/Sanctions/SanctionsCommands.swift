import Foundation
import Store

/// Adding and removing sanctioned names as pure functions of the `SanctionedNames` stream.
public enum SanctionsCommands {
    /// Adds `name` with `aliases` under the next free `SN-nnnn` id.
    public static func add(name: String, aliases: [String], by: String, list: SanctionsListState, version: Int64?) -> Result<Decision, BankError> {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return .failure(.invalidName("the name is empty")) }
        guard name.count <= PaymentValidation.maxNameLength else {
            return .failure(.invalidName("longer than \(PaymentValidation.maxNameLength) characters"))
        }
        if let existing = list.entry(named: name) { return .failure(.alreadySanctioned(name: name, entryId: existing.entryId)) }
        let next = (list.entries.compactMap { Int($0.entryId.dropFirst(3)) }.max() ?? 0) + 1
        let digits = String(next)
        let entryId = "SN-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let cleanAliases = aliases.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let event = SanctionedNameAdded(entry: SanctionedEntry(entryId: entryId, name: name, aliases: cleanAliases), by: by)
        return .success(Decision(stream: .sanctionedNames, expected: Decision.after(version),
                                 events: [PendingEvent(event, step: "add@\(version ?? -1)", correlationId: entryId)]))
    }

    /// Removes the entry whose id, primary name or alias is `nameOrId`.
    public static func remove(_ nameOrId: String, by: String, list: SanctionsListState, version: Int64?) -> Result<Decision, BankError> {
        let key = nameOrId.trimmingCharacters(in: .whitespaces)
        guard let entry = list.entry(id: key) ?? list.entry(named: key) else { return .failure(.notSanctioned(key)) }
        let event = SanctionedNameRemoved(entryId: entry.entryId, name: entry.name, by: by)
        return .success(Decision(stream: .sanctionedNames, expected: Decision.after(version),
                                 events: [PendingEvent(event, step: "remove@\(version ?? -1)", correlationId: entry.entryId)]))
    }
}
