/// The fields of an event's JSON a compiled projection reads, found in one pass over the bytes.
///
/// Built once per program from the paths its expressions name (`data.creditor.sortCode`); for
/// each event it walks the JSON once, materialising only the values at those paths and
/// skipping everything else without building it. Not a general JSON parser: it answers "what is
/// at these paths", and a missing field is `null`.
struct EventJSONScanner: Sendable {
    private struct Node: Sendable {
        var children: [(key: [UInt8], node: Int)] = []
        /// Where the value at this node goes, when a path ends here.
        var slot: Int?
        /// Paths below a slot node, filled from its materialised value.
        var below: [(path: [String], slot: Int)] = []
    }

    private var nodes = [Node()]
    private(set) var slotCount = 0
    private var slots: [[String]: Int] = [:]

    var isEmpty: Bool { slotCount == 0 }

    /// The slot the value at `path` is put in (the same slot for the same path).
    mutating func slot(for path: [String]) -> Int {
        if let slot = slots[path] { return slot }
        let slot = slotCount
        slotCount += 1
        slots[path] = slot
        var node = 0
        for key in path {
            let bytes = Array(key.utf8)
            if let child = nodes[node].children.first(where: { $0.key == bytes }) {
                node = child.node
            } else {
                nodes.append(Node())
                nodes[node].children.append((bytes, nodes.count - 1))
                node = nodes.count - 1
            }
        }
        nodes[node].slot = slot
        return slot
    }

    /// Works out, for each slot node, the slots below it (call once all paths are added):
    /// the shallowest slot on a path materialises the value, deeper ones are read from it.
    mutating func seal() {
        for index in nodes.indices { nodes[index].below = [] }
        for (path, slot) in slots where !path.isEmpty {
            if nodes[0].slot != nil {
                nodes[0].below.append((path, slot))
                continue
            }
            var node = 0
            for depth in 0..<(path.count - 1) {
                let key = Array(path[depth].utf8)
                guard let child = nodes[node].children.first(where: { $0.key == key }) else { break }
                node = child.node
                if nodes[node].slot != nil {
                    nodes[node].below.append((Array(path[(depth + 1)...]), slot))
                    break
                }
            }
        }
    }

    /// Fills `values[offset + slot]` for every path from `bytes` (an empty buffer reads as
    /// `null`). Throws a message when the bytes are not JSON.
    func scan(_ bytes: UnsafeRawBufferPointer, into values: inout [ProjectionValue], offset: Int) throws(JSONScanError) {
        for index in 0..<slotCount { values[offset + index] = .null }
        guard slotCount > 0 else { return }
        var reader = JSONReader(bytes: bytes.bindMemory(to: UInt8.self))
        reader.skipWhitespace()
        if reader.atEnd { return }
        try visit(node: 0, &reader, &values, offset)
        reader.skipWhitespace()
        if !reader.atEnd { throw JSONScanError(offset: reader.index, reason: "text after the JSON value") }
    }

    private func visit(node index: Int, _ reader: inout JSONReader, _ values: inout [ProjectionValue], _ offset: Int) throws(JSONScanError) {
        let node = nodes[index]
        if let slot = node.slot {
            let value = try reader.value()
            values[offset + slot] = value
            for (path, below) in node.below { values[offset + below] = Self.walk(value, path) }
            return
        }
        guard reader.peek == UInt8(ascii: "{") else {
            try reader.skipValue()
            return
        }
        reader.index += 1
        reader.skipWhitespace()
        if reader.peek == UInt8(ascii: "}") {
            reader.index += 1
            return
        }
        while true {
            reader.skipWhitespace()
            let key = try reader.keyBytes()
            reader.skipWhitespace()
            try reader.expect(UInt8(ascii: ":"))
            reader.skipWhitespace()
            if let child = node.children.first(where: { $0.key.elementsEqual(key) }) {
                try visit(node: child.node, &reader, &values, offset)
            } else {
                try reader.skipValue()
            }
            reader.skipWhitespace()
            guard let next = reader.peek else { throw JSONScanError(offset: reader.index, reason: "unfinished object") }
            reader.index += 1
            if next == UInt8(ascii: "}") { return }
            if next != UInt8(ascii: ",") { throw JSONScanError(offset: reader.index - 1, reason: "expected ',' or '}' in an object") }
        }
    }

    /// The value at `path` inside `value`, `null` when it is not there.
    static func walk(_ value: ProjectionValue, _ path: [String]) -> ProjectionValue {
        var current = value
        for key in path {
            guard case .object(let members) = current, let next = members[key] else { return .null }
            current = next
        }
        return current
    }
}

/// Bytes that are not JSON, and where.
struct JSONScanError: Error, Sendable, Hashable {
    var offset: Int
    var reason: String
}
