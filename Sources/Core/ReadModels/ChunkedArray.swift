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

/// A hash map split into fixed buckets, so copies share structure (see `ChunkedArray`).
///
/// Copying one copies its bucket references; inserting or changing a key afterwards copies
/// only that key's bucket. More buckets: cheaper changes after a copy, dearer copies.
public struct ShardedDictionary<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private var shards: [[Key: Value]]
    public private(set) var count = 0

    /// An empty dictionary of `shards` buckets (at least 1).
    public init(shards: Int = 1024) {
        self.shards = Array(repeating: [:], count: max(1, shards))
    }

    private func shard(of key: Key) -> Int {
        Int(UInt(bitPattern: key.hashValue) % UInt(shards.count))
    }

    public subscript(key: Key) -> Value? {
        get { shards[shard(of: key)][key] }
        set {
            let s = shard(of: key)
            let before = shards[s].count
            shards[s][key] = newValue
            count += shards[s].count - before
        }
    }

    /// Changes the value for `key` in place (inserting `defaultValue` first when absent).
    public mutating func update<R>(_ key: Key, default defaultValue: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let s = shard(of: key)
        let before = shards[s].count
        let result = body(&shards[s][key, default: defaultValue()])
        count += shards[s].count - before
        return result
    }

    /// Changes the value for `key` in place; does nothing when `key` is absent.
    public mutating func modify(_ key: Key, _ body: (inout Value) -> Void) {
        let s = shard(of: key)
        guard shards[s][key] != nil else { return }
        body(&shards[s][key]!)
    }

    /// Every key–value pair, in no particular order.
    public var all: [(key: Key, value: Value)] { shards.flatMap { $0.map { ($0.key, $0.value) } } }
}
