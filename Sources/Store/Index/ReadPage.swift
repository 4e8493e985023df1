/// Picks the entries of one page of a read, shared by every backend.
enum ReadPage {
    /// Entries of a position list holding versions `firstVersion...`, from `start` in `direction`.
    static func entries(_ positions: ArraySlice<UInt64>, firstVersion: Int64, start: StreamPosition, direction: ReadDirection, maxCount: Int) -> [(version: Int64, position: UInt64)] {
        let count = Int64(positions.count)
        guard count > 0 else { return [] }
        let versions = range(first: firstVersion, last: firstVersion + count - 1, start: start, direction: direction, maxCount: maxCount)
        return versions.map { ($0, positions[positions.startIndex + Int($0 - firstVersion)]) }
    }

    /// Positions of a `$all` page over `0..<count`.
    static func range(count: UInt64, start: StreamPosition, direction: ReadDirection, maxCount: Int) -> [UInt64] {
        guard count > 0 else { return [] }
        return range(first: 0, last: Int64(count) - 1, start: start, direction: direction, maxCount: maxCount).map { UInt64($0) }
    }

    /// Versions between `first` and `last` (inclusive) that a page covers, in reading order.
    static func range(first: Int64, last: Int64, start: StreamPosition, direction: ReadDirection, maxCount: Int) -> [Int64] {
        let page = bounds(first: first, last: last, start: start, direction: direction, maxCount: maxCount)
        return (0..<page.count).map { page.from + Int64($0) * page.step }
    }

    /// The page as its first version, how many versions it covers and the step (+1 or -1).
    static func bounds(first: Int64, last: Int64, start: StreamPosition, direction: ReadDirection, maxCount: Int) -> (from: Int64, count: Int, step: Int64) {
        guard last >= first, maxCount > 0 else { return (first, 0, 1) }
        switch direction {
        case .forward:
            let from: Int64 = switch start {
            case .start: first
            case .end: last + 1
            case .version(let v): max(v, first)
            }
            guard from <= last else { return (from, 0, 1) }
            return (from, Int(min(Int64(maxCount), last - from + 1)), 1)
        case .backward:
            let from: Int64 = switch start {
            case .start: first
            case .end: last
            case .version(let v): min(v, last)
            }
            guard from >= first else { return (from, 0, -1) }
            return (from, Int(min(Int64(maxCount), from - first + 1)), -1)
        }
    }
}
