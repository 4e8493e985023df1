import Foundation

/// The saved index parts in force (`SavedPart`, each opened on first use and then read in
/// place as an `IndexPartFile`), in position order: the index of the log up to `end`. The file
/// store keeps only the events after `end` in memory (its tail `StreamIndex`); together they
/// answer every index question.
///
/// Cost: a stream's lookup reads one 64-byte block of each part's stream filter, then binary
/// searches only the parts that may hold it (those that do, and about 1 in 100 others); a part
/// asked only that is not opened but probed (`IndexPartProbe`: a few `pread`s, no mapping);
/// small parts are merged (`IndexManifest.ranges(extendedTo:)`). The sealed parts are asked
/// first all at once, by the store-wide filter (`StoreStreamFilter`, one page read): only those
/// it does not rule out are asked themselves (none for a new stream, about one for another).
struct SavedIndex: Sendable {
    private(set) var parts: [SavedPart] = []
    /// The log's cursor after the last saved event (the last part's), if any is saved.
    private(set) var cursor: LogScanner.Cursor?
    /// The store-wide filter of the sealed parts (`StoreStreamFilter`), if one was saved: used
    /// only when it is sound and covers the first parts in force.
    var filter: StoreStreamFilterFile?

    init() {}

    /// The parts `parts`, the last of them opened (its cursor is where the log goes on).
    init(parts: [SavedPart], last: IndexPartFile) {
        self.parts = parts
        cursor = last.cursor
    }

    /// One past the last position the parts cover (0 without parts).
    var end: UInt64 { parts.last?.range.upperBound ?? 0 }

    /// The manifest naming these parts.
    var manifest: IndexManifest { IndexManifest(entries: parts.map(\.entry)) }

    /// Replaces the parts from `position` on with `file`, a part just written that covers them
    /// and what follows (see `IndexManifest.ranges(extendedTo:)`).
    mutating func replace(from position: UInt64, with file: IndexPartFile) {
        parts.removeAll { $0.range.upperBound > position }
        parts.append(SavedPart(opened: file))
        cursor = file.cursor
    }

    /// The part holding `position` (below `end`).
    func part(holding position: UInt64) -> SavedPart {
        var low = 0, high = parts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if parts[middle].range.lowerBound <= position { low = middle } else { high = middle - 1 }
        }
        return parts[low]
    }

    /// The packed log location of `position` (below `end`).
    func location(at position: UInt64) throws(EventStoreError) -> UInt64 { try part(holding: position).file().location(at: position) }

    /// Appends the locations of `positions` (below `end`) to `list`.
    func appendLocations(_ positions: Range<UInt64>, to list: inout [UInt64]) throws(EventStoreError) {
        var next = positions.lowerBound
        while next < positions.upperBound {
            let part = try part(holding: next).file()
            let upper = min(positions.upperBound, part.range.upperBound)
            try part.appendLocations(next..<upper, to: &list)
            next = upper
        }
    }

    /// Whether the parts hold events of the stream named `name`.
    func hasEvents(_ name: String) throws(EventStoreError) -> Bool {
        for (part, slot) in try pieces(of: name) where try part.run(ofStream: slot).count > 0 { return true }
        return false
    }

    /// Which of the first parts the store-wide filter says do not hold the stream whose name
    /// has `hash` (true: ruled out), when it is sound (`StoreStreamFilterFile`): for the first
    /// parts in force that it covers (same ranges, same checksums, in the same order); every
    /// other part is asked itself. Its "no" stands for a part's: it was built from that very
    /// part, checked and borne out by the log, and is itself checked as strictly. Each part has
    /// its own blocks in it, so a filter that covers parts a reader does not know yet (a save
    /// sealed them since it opened) still answers for those it knows. Not asked once every part
    /// it covers is open (`SavedPart.isOpen`): each answers then from its own mapped filter.
    func filterRulesOut(_ hash: StreamFilter.Hash) -> [Bool] {
        guard let filter, let entries = filter.entries() else { return [] }
        var matched = 0
        while matched < min(entries.count, parts.count), entries[matched] == parts[matched].entry { matched += 1 }
        // Parts already open answer from their own filter, mapped and checked once: when all
        // those it covers are, reading its page would cost more than asking them.
        guard parts.prefix(matched).contains(where: { !$0.isOpen }), let may = filter.partsMayHoldStream(hash) else { return [] }
        return may.prefix(matched).map { !$0 }
    }

    /// Where each part holds something of the stream named `name`, in position order.
    func pieces(of name: String) throws(EventStoreError) -> [(part: IndexPartFile, slot: Int)] {
        var name = name
        return try name.withUTF8 { utf8 in
            Result { () throws(EventStoreError) in
                let bytes = UnsafeRawBufferPointer(utf8)
                let hash = StreamFilter.Hash(bytes)
                var found: [(part: IndexPartFile, slot: Int)] = []
                let ruledOut = filterRulesOut(hash)
                for (n, saved) in parts.enumerated() {
                    // A part a filter rules out is not opened: the store-wide one's answer, when
                    // it has one (its "maybe" is the part's own filter's), else the part's
                    // (`SavedPart.mayHoldStream`).
                    if n < ruledOut.count {
                        if ruledOut[n] { continue }
                    } else {
                        guard try saved.mayHoldStream(hash) else { continue }
                    }
                    let part = try saved.file()
                    if let slot = try part.slot(ofStream: bytes) { found.append((part, slot)) }
                }
                return found
            }
        }.get()
    }
}
