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
        switch direction {
        case .forward:
            let from: Int64 = switch start {
            case .start: first
            case .end: last + 1
            case .version(let v): max(v, first)
            }
            guard from <= last else { return [] }
            let to = from + min(Int64(maxCount), last - from + 1) - 1
            return Array(from...to)
        case .backward:
            let from: Int64 = switch start {
            case .start: first
            case .end: last
            case .version(let v): min(v, last)
            }
            guard from >= first else { return [] }
            let to = from - min(Int64(maxCount), from - first + 1) + 1
            return Array(stride(from: from, through: to, by: -1))
        }
    }
}
