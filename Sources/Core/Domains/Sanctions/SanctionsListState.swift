import Foundation

/// The sanctioned-names list as the Sanctions domain's commands and screening see it: the fold
/// of the `SanctionedNames` stream, entries by id in insertion order.
public struct SanctionsListState: Sendable, Hashable {
    public private(set) var entries: [SanctionedEntry] = []

    public init(entries: [SanctionedEntry] = []) { self.entries = entries }

    /// The entry with this id, if listed.
    public func entry(id: String) -> SanctionedEntry? { entries.first { $0.entryId == id } }

    /// The entry whose primary name or alias equals `name` ignoring case and spacing.
    public func entry(named name: String) -> SanctionedEntry? {
        let key = Self.key(name)
        return entries.first { entry in Self.key(entry.name) == key || entry.aliases.contains { Self.key($0) == key } }
    }

    public mutating func apply(_ event: BankEvent) {
        switch event {
        case .sanctionedNameAdded(let added):
            entries.removeAll { $0.entryId == added.entry.entryId }
            entries.append(added.entry)
        case .sanctionedNameRemoved(let removed):
            entries.removeAll { $0.entryId == removed.entryId }
        default:
            break
        }
    }

    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }
}
