import Foundation

extension SanctionsListState {
    /// The entry with this id, if listed.
    public func entry(id: String) -> SanctionedEntry? { byId[id] }

    /// The entry whose primary name or an alias equals `name`, ignoring case and spacing.
    public func entry(named name: String) -> SanctionedEntry? {
        let key = Self.lookupKey(name)
        return entries.first { entry in
            Self.lookupKey(entry.name) == key || entry.aliases.contains { Self.lookupKey($0) == key }
        }
    }

    static func lookupKey(_ name: String) -> String {
        name.lowercased().split(separator: " ").joined(separator: " ")
    }
}
