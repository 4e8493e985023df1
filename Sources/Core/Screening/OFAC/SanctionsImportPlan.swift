/// What importing a list into the current sanctions list changes: a diff, never a wipe.
///
/// Entries of the imported source (ids starting `prefix`, e.g. `OFAC-`) that are new are
/// added, those whose name, aliases, type or programmes differ are changed (replaced in place),
/// and those no longer in the file are removed. Entries from elsewhere (an operator's `SN-…`)
/// are left alone. `events` are the `SanctionedNames` events recording it, in that order.
public struct SanctionsImportPlan: Sendable, Hashable {
    public var added: [SanctionedEntry] = []
    public var changed: [SanctionedEntry] = []
    public var removed: [SanctionedEntry] = []
    public var unchanged = 0

    public init(current: SanctionsListState, importing entries: [SanctionedEntry], prefix: String = "OFAC-") {
        var seen: Set<String> = []
        for entry in entries where seen.insert(entry.entryId).inserted {
            if let existing = current.byId[entry.entryId] {
                if existing == entry { unchanged += 1 } else { changed.append(entry) }
            } else {
                added.append(entry)
            }
        }
        for entry in current.entries where entry.entryId.hasPrefix(prefix) && !seen.contains(entry.entryId) {
            removed.append(entry)
        }
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// The events recording the diff, attributed to `by`, as one decision's outputs.
    public func pendingEvents(by: String) -> [PendingEvent] {
        added.map { PendingEvent(SanctionedNameAdded(entry: $0, by: by), step: "import-add:\($0.entryId)", correlationId: $0.entryId) }
            + changed.map { PendingEvent(SanctionedNameAdded(entry: $0, by: by, changed: true), step: "import-change:\($0.entryId)", correlationId: $0.entryId) }
            + removed.map { PendingEvent(SanctionedNameRemoved(entryId: $0.entryId, name: $0.name, by: by), step: "import-remove:\($0.entryId)", correlationId: $0.entryId) }
    }
}
