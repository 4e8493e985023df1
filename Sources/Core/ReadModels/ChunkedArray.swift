/// An append-mostly array stored as a persistent radix tree, so copies share structure.
///
/// Elements live in leaves of `chunkSize`; branches hold up to 32 children, so an index is
/// found in O(log₃₂ n); the last, unfinished leaf is kept outside the tree, so appending and
/// reading the newest elements is O(1). Copying one is a handful of reference copies. Changing or appending an
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
    /// Full leaves: elements `0 ..< treeCount`.
    private var root: Node = .branch([])
    /// Branch levels from the root down to the leaves (at least 1).
    private var height = 1
    /// The last, unfinished leaf (elements `treeCount ..< count`), outside the tree so that
    /// appending and reading recent elements does not walk it.
    private var tail: [Element] = []
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

    /// Elements in full leaves of the tree (the rest are in `tail`).
    private var treeCount: Int { count - tail.count }

    public mutating func append(_ element: Element) {
        if tail.count == chunkSize {
            pushLeaf(tail)
            tail = []
            tail.reserveCapacity(chunkSize)
        }
        tail.append(element)
        count += 1
    }

    /// The element at `index` (0 ..< count).
    public subscript(index: Int) -> Element {
        get { read(index) { $0 } }
        set { modify(index) { $0 = newValue } }
    }

    /// `body` applied to the element at `index` (0 ..< count), read in place (no copy of a
    /// large element just to look at one field).
    public func read<R>(_ index: Int, _ body: (Element) -> R) -> R {
        precondition(index >= 0 && index < count, "ChunkedArray index out of range")
        let start = treeCount
        if index >= start { return body(tail[index - start]) }
        return withLeaf(containing: index) { body($0[index & (chunkSize - 1)]) }
    }

    /// Changes the element at `index` (0 ..< count) in place, copying only its path if shared.
    @discardableResult
    public mutating func modify<R>(_ index: Int, _ body: (inout Element) -> R) -> R {
        precondition(index >= 0 && index < count, "ChunkedArray index out of range")
        let start = treeCount
        if index >= start { return body(&tail[index - start]) }
        return Self.modify(&root, leaf: index >> leafShift, offset: index & (chunkSize - 1), level: height, body)
    }

    /// The last element, if any.
    public var last: Element? { count == 0 ? nil : self[count - 1] }

    /// Elements in `range`, in order.
    public func elements(in range: Range<Int>) -> [Element] {
        let clamped = range.clamped(to: 0..<count)
        var result: [Element] = []
        result.reserveCapacity(clamped.count)
        let start = treeCount
        var index = clamped.lowerBound
        while index < min(clamped.upperBound, start) {
            let offset = index & (chunkSize - 1)
            let take = min(chunkSize - offset, clamped.upperBound - index)
            withLeaf(containing: index) { result.append(contentsOf: $0[offset..<offset + take]) }
            index += take
        }
        if index < clamped.upperBound { result.append(contentsOf: tail[(index - start)..<(clamped.upperBound - start)]) }
        return result
    }

    /// All elements, in order.
    public var all: [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        Self.collect(root, into: &result)
        result.append(contentsOf: tail)
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

    /// Adds a full leaf at the end of the tree, growing it by a level when it is full.
    private mutating func pushLeaf(_ items: [Element]) {
        let start = treeCount
        if start == chunkSize << (Self.branchBits * height) {
            root = .branch([root])
            height += 1
        }
        Self.insert(leaf: items, at: start >> leafShift, under: &root, level: height)
    }

    /// Puts leaf number `leaf` under `node`, a branch `level` levels above the leaves. Each
    /// case moves its payload out before changing it, so an unshared node is changed in place
    /// and a shared one (held by another copy) is copied.
    private static func insert(leaf items: [Element], at leaf: Int, under node: inout Node, level: Int) {
        guard case .branch(var children) = node else { return }
        node = .branch([])
        let slot = (leaf >> (branchBits * (level - 1))) & branchMask
        if level == 1 {
            children.append(.leaf(items))
        } else {
            if slot == children.count { children.append(.branch([])) }
            insert(leaf: items, at: leaf, under: &children[slot], level: level - 1)
        }
        node = .branch(children)
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
