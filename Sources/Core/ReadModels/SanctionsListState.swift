import Store

/// The sanctioned-names list as a fold over `SanctionedNames` (and its snapshots).
///
/// Entries keep the order they were added in. Adding an entry id that is already listed
/// replaces it in place; removing an unknown id changes nothing. Used by the read models and
/// by `SanctionsList` (the mutable collection backed by the stream).
public struct SanctionsListState: Sendable, Hashable {
    /// Entries by id.
    public private(set) var byId: [String: SanctionedEntry] = [:]
    /// Entry ids in the order they were added.
    public private(set) var order: [String] = []
    /// Ids that were listed and removed (so a new entry never reuses one).
    public private(set) var removedIds: Set<String> = []
    /// Version of the last `SanctionedNames` event folded (nil before any).
    public private(set) var version: Int64?

    public init() {}

    /// A state from a snapshot taken at `SanctionedNames` version `version`.
    public init(snapshot: SanctionsListSnapshotTaken) {
        for entry in snapshot.entries where byId[entry.entryId] == nil {
            byId[entry.entryId] = entry
            order.append(entry.entryId)
        }
        version = snapshot.version
    }

    /// The current entries, in the order they were added.
    public var entries: [SanctionedEntry] { order.compactMap { byId[$0] } }

    public var count: Int { byId.count }

    public func contains(entryId: String) -> Bool { byId[entryId] != nil }

    /// Applies an add or remove recorded at `version` of `SanctionedNames`; other events are ignored.
    public mutating func apply(_ event: BankEvent, version: Int64) {
        switch event {
        case .sanctionedNameAdded(let e):
            if byId[e.entry.entryId] == nil { order.append(e.entry.entryId) }
            removedIds.remove(e.entry.entryId)
            byId[e.entry.entryId] = e.entry
        case .sanctionedNameRemoved(let e):
            guard byId.removeValue(forKey: e.entryId) != nil else { break }
            removedIds.insert(e.entryId)
            if let index = order.firstIndex(of: e.entryId) { order.remove(at: index) }
        default:
            return
        }
        self.version = version
    }
}
