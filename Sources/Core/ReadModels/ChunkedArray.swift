/// An append-mostly array stored in fixed-size chunks, so copies share structure.
///
/// Copying one is O(count / chunkSize) pointer copies; changing an element afterwards copies
/// only its chunk. The time machine keeps many copies of the read models (one per
/// checkpoint), and payments and ledger lines change near the end, so checkpoints share
/// almost everything. Not a general collection: append, read and replace by index.
public struct ChunkedArray<Element: Sendable>: Sendable {
    /// Elements per chunk.
    public let chunkSize: Int
    private var chunks: [[Element]] = []
    public private(set) var count = 0

    /// An empty array whose chunks hold `chunkSize` elements (at least 1).
    public init(chunkSize: Int = 512) {
        self.chunkSize = max(1, chunkSize)
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ element: Element) {
        if count % chunkSize == 0 {
            chunks.append([])
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// The element at `index` (0 ..< count).
    public subscript(index: Int) -> Element {
        get { chunks[index / chunkSize][index % chunkSize] }
        set { chunks[index / chunkSize][index % chunkSize] = newValue }
    }

    /// The last element, if any.
    public var last: Element? { count == 0 ? nil : self[count - 1] }

    /// Elements in `range`, in order.
    public func elements(in range: Range<Int>) -> [Element] {
        let clamped = range.clamped(to: 0..<count)
        return clamped.map { self[$0] }
    }

    /// All elements, in order.
    public var all: [Element] { chunks.flatMap { $0 } }
}

/// A hash map split into fixed buckets, two levels deep, so copies share structure (see
/// `ChunkedArray`).
///
/// Copying one copies `groups` references; changing a key afterwards copies that key's group
/// (an array of bucket references) and its bucket — a few dozen entries, not the whole map.
public struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var groups: [[[Key: Value]]]
    private let groupSize: Int
    public private(set) var count = 0

    /// An empty dictionary of about `shards` buckets (at least 1), in √shards groups.
    public init(shards: Int = 1024) {
        let total = max(1, shards)
        var size = 1
        while size * size < total { size += 1 }
        groupSize = size
        groups = Array(repeating: Array(repeating: [:], count: size), count: (total + size - 1) / size)
    }

    @inline(__always)
    private func locate(_ key: Key) -> (group: Int, bucket: Int) {
        let shard = Int(UInt(bitPattern: key.hashValue) % UInt(groups.count * groupSize))
        return (shard / groupSize, shard % groupSize)
    }

    public subscript(key: Key) -> Value? {
        get {
            let (g, b) = locate(key)
            return groups[g][b][key]
        }
        set {
            let (g, b) = locate(key)
            let before = groups[g][b].count
            groups[g][b][key] = newValue
            count += groups[g][b].count - before
        }
    }

    /// Changes the value for `key` in place (inserting `defaultValue` first when absent).
    public mutating func update<R>(_ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let (g, b) = locate(key)
        let before = groups[g][b].count
        let result = body(&groups[g][b][key, default: defaultValue()])
        count += groups[g][b].count - before
        return result
    }

    /// Changes the value for `key` in place; does nothing when `key` is absent.
    public mutating func modify(_ key: Key, _ body: (inout Value) -> Void) {
        let (g, b) = locate(key)
        guard groups[g][b][key] != nil else { return }
        // Force-unwrap: checked just above; unwrapping in place avoids copying the value.
        body(&groups[g][b][key]!)
    }

    /// Every key–value pair, in no particular order.
    public var all: [(key: Key, value: Value)] {
        groups.flatMap { group in group.flatMap { $0.map { ($0.key, $0.value) } } }
    }
}
