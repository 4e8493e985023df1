extension SanctionsListSnapshotTaken {
    /// Bytes of entries a snapshot part holds at most (well under the store's 1 MiB event limit).
    public static let partBudget = 512 * 1_024

    /// The snapshot of `entries` at `version`: one event when it fits `budget` bytes (counted
    /// generously: names, aliases and programmes plus 120 bytes an entry), else parts 1…n.
    public static func parts(version: Int64, entries: [SanctionedEntry], budget: Int = partBudget) -> [SanctionsListSnapshotTaken] {
        var slices: [[SanctionedEntry]] = [[]]
        var size = 0
        for entry in entries {
            let bytes = 120 + entry.name.utf8.count + entry.aliases.reduce(0) { $0 + $1.utf8.count + 4 }
                + (entry.programs ?? []).reduce(0) { $0 + $1.utf8.count + 4 }
            if size + bytes > budget, !slices[slices.count - 1].isEmpty {
                slices.append([])
                size = 0
            }
            slices[slices.count - 1].append(entry)
            size += bytes
        }
        if slices.count == 1 { return [SanctionsListSnapshotTaken(version: version, entries: entries)] }
        return slices.enumerated().map { index, slice in
            SanctionsListSnapshotTaken(version: version, entries: slice, part: index + 1, parts: slices.count)
        }
    }
}
