/// The positions of a stream or system index as the file store holds them: runs in its saved
/// parts, then the in-memory tail. Random access by index walks the runs (a few per part).
struct PositionList {
    enum Run {
        case saved(IndexPartFile, IndexPartFile.Run)
        case tail(ArraySlice<UInt64>)

        var count: Int {
            switch self {
            case .saved(_, let run): run.count
            case .tail(let slice): slice.count
            }
        }
    }

    private(set) var runs: [Run] = []
    /// Entries before this index are left out (a stream's truncated start).
    private(set) var lowerBound = 0
    /// Entries from `lowerBound` on.
    var count: Int { total - lowerBound }
    private var total = 0

    mutating func append(_ run: Run) {
        guard run.count > 0 else { return }
        runs.append(run)
        total += run.count
    }

    /// Leaves out the first `n` entries.
    mutating func dropFirst(_ n: Int) { lowerBound = min(total, lowerBound + n) }

    /// Keeps the first `n` entries (from `lowerBound`).
    mutating func keepFirst(_ n: Int) {
        var excess = count - n
        while excess > 0, let last = runs.last {
            let drop = min(excess, last.count)
            runs.removeLast()
            switch last {
            case .saved(let part, var run):
                run.count -= drop
                if run.count > 0 { runs.append(.saved(part, run)) }
            case .tail(let slice):
                if slice.count > drop { runs.append(.tail(slice.dropLast(drop))) }
            }
            total -= drop
            excess -= drop
        }
    }

    /// The entry at `index` (from `lowerBound`, below `count`); a saved one's block is checked
    /// when first read (`.corrupt` when damaged).
    subscript(index: Int) -> UInt64 {
        get throws(EventStoreError) {
        var i = index + lowerBound
        for run in runs {
            switch run {
            case .saved(let part, let found):
                if i < found.count { return try part.position(found.area, found.start + i) }
                i -= found.count
            case .tail(let slice):
                if i < slice.count { return slice[slice.startIndex + i] }
                i -= slice.count
            }
        }
        return UInt64.max // out of range: no run holds it (callers stay below count)
        }
    }
}
