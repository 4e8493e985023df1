/// An append-mostly array stored as a persistent radix tree, so copies share structure.
///
/// Elements live in leaves of `chunkSize`; branches hold up to 32 children, so an index is
/// found in O(log₃₂ n). Copying one is a single reference copy. Changing or appending an
/// element afterwards copies only the path from the root to its leaf — the leaf and at most
/// log₃₂(n / chunkSize) branches of 32 references — never the whole array nor a list of all
/// chunks. The time machine keeps one copy of the read models per checkpoint, and payments
/// and ledger lines change near the end, so a checkpoint costs about one leaf and one path.
/// Not a general collection: append, read and replace by index.
public struct ChunkedArray<Element: Sendable>: Sendable {
    /// A tree node: a leaf of elements or a branch of up to 32 nodes one level down.
    enum Node: Sendable {
        case leaf([Element])
        case branch([Node])
    }

    /// Elements per leaf (a power of two).
    public let chunkSize: Int
    private let leafShift: Int
    private var root: Node = .branch([])
    /// Branch levels from the root down to the leaves (at least 1).
    private var height = 1
    public private(set) var count = 0

    private static var branchBits: Int { 5 }
    private static var branchMask: Int { 31 }

    /// An empty array whose leaves hold `chunkSize` elements, rounded up to a power of two.
    public init(chunkSize: Int = 512) {
        var shift = 0
        while 1 << shift < chunkSize { shift += 1 }
        leafShift = shift
        self.chunkSize = 1 << shift
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ element: Element) {
        if count == chunkSize << (Self.branchBits * height) {
            root = .branch([root])
            height += 1
        }
        Self.append(element, to: &root, leaf: count >> leafShift, level: height)
        count += 1
    }

    /// The element at `index` (0 ..< count).
    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "ChunkedArray index out of range")
            return withLeaf(containing: index) { $0[index & (chunkSize - 1)] }
        }
        set { modify(index) { $0 = newValue } }
    }

    /// `body` applied to the element at `index` (0 ..< count), read in place (no copy of a
    /// large element just to look at one field).
    public func read<R>(_ index: Int, _ body: (Element) -> R) -> R {
        precondition(index >= 0 && index < count, "ChunkedArray index out of range")
        return withLeaf(containing: index) { body($0[index & (chunkSize - 1)]) }
    }

    /// Changes the element at `index` (0 ..< count) in place, copying only its path if shared.
    @discardableResult
    public mutating func modify<R>(_ index: Int, _ body: (inout Element) -> R) -> R {
        precondition(index >= 0 && index < count, "ChunkedArray index out of range")
        return Self.modify(&root, leaf: index >> leafShift, offset: index & (chunkSize - 1), level: height, body)
    }

    /// The last element, if any.
    public var last: Element? { count == 0 ? nil : self[count - 1] }

    /// Elements in `range`, in order.
    public func elements(in range: Range<Int>) -> [Element] {
        let clamped = range.clamped(to: 0..<count)
        var result: [Element] = []
        result.reserveCapacity(clamped.count)
        var index = clamped.lowerBound
        while index < clamped.upperBound {
            let offset = index & (chunkSize - 1)
            let take = min(chunkSize - offset, clamped.upperBound - index)
            withLeaf(containing: index) { result.append(contentsOf: $0[offset..<offset + take]) }
            index += take
        }
        return result
    }

    /// All elements, in order.
    public var all: [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        Self.collect(root, into: &result)
        return result
    }

    // MARK: - Tree walking

    private func withLeaf<R>(containing index: Int, _ body: ([Element]) -> R) -> R {
        let leaf = index >> leafShift
        var node = root
        var level = height
        while true {
            switch node {
            case .leaf(let items):
                return body(items)
            case .branch(let children):
                level -= 1
                node = children[(leaf >> (Self.branchBits * level)) & Self.branchMask]
            }
        }
    }

    private static func collect(_ node: Node, into result: inout [Element]) {
        switch node {
        case .leaf(let items): result.append(contentsOf: items)
        case .branch(let children): for child in children { collect(child, into: &result) }
        }
    }

    /// Appends under `node`, a branch `level` levels above the leaves (a leaf at level 0).
    /// Each case moves its payload out before changing it, so an unshared node is changed in
    /// place and a shared one (held by another copy) is copied.
    private static func append(_ element: Element, to node: inout Node, leaf: Int, level: Int) {
        switch node {
        case .leaf(var items):
            node = .branch([])
            items.append(element)
            node = .leaf(items)
        case .branch(var children):
            node = .branch([])
            let slot = (leaf >> (branchBits * (level - 1))) & branchMask
            if slot == children.count { children.append(level == 1 ? .leaf([]) : .branch([])) }
            append(element, to: &children[slot], leaf: leaf, level: level - 1)
            node = .branch(children)
        }
    }

    private static func modify<R>(_ node: inout Node, leaf: Int, offset: Int, level: Int, _ body: (inout Element) -> R) -> R {
        switch node {
        case .leaf(var items):
            node = .branch([])
            let result = body(&items[offset])
            node = .leaf(items)
            return result
        case .branch(var children):
            node = .branch([])
            let slot = (leaf >> (branchBits * (level - 1))) & branchMask
            let result = modify(&children[slot], leaf: leaf, offset: offset, level: level - 1, body)
            node = .branch(children)
            return result
        }
    }
}
