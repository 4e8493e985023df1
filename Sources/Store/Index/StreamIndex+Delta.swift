/// The index as a sequence of deltas: what the events from some position on added, and how to
/// add such a delta back. The file store keeps its index on disk as such deltas (`IndexPart`),
/// so saving the index costs the events since the last save, not the whole log.
extension StreamIndex {
    /// What the events at positions `from ..< nextPosition` added to the index: their positions
    /// in every list, and the metadata and tombstone, as they are now, of each stream those
    /// events touched (a stream's own events, or its `$$stream`'s). A delta of a delta is not
    /// meant; take it from a whole index.
    ///
    /// Cost: one look at every stream (the last position of each), then the delta's size.
    func delta(since from: UInt64) -> StreamIndex {
        var delta = StreamIndex()
        delta.nextPosition = nextPosition
        guard from < nextPosition else { return delta }
        for (name, stream) in streams {
            guard let last = stream.positions.last, last >= from else { continue }
            let start = Self.firstIndex(in: stream.positions, atOrAfter: from)
            var part = delta.streams[name] ?? Stream()
            part.positions = Array(stream.positions[start...])
            part.tags = stream.tags.count == stream.positions.count ? Array(stream.tags[start...])
                : [UInt16](repeating: 0, count: stream.positions.count - start)
            part.metadata = stream.metadata
            part.metadataSet = stream.metadataSet
            part.tombstoned = stream.tombstoned
            delta.streams[name] = part
            if name.hasPrefix("$$") {
                let target = String(name.dropFirst(2))
                let subject = streams[target] ?? Stream()
                var touched = delta.streams[target] ?? Stream()
                touched.metadata = subject.metadata
                touched.metadataSet = subject.metadataSet
                touched.tombstoned = subject.tombstoned
                delta.streams[target] = touched
            }
        }
        func suffixes(_ lists: [String: [UInt64]]) -> [String: [UInt64]] {
            var result: [String: [UInt64]] = [:]
            for (name, list) in lists {
                guard let last = list.last, last >= from else { continue }
                result[name] = Array(list[Self.firstIndex(in: list, atOrAfter: from)...])
            }
            return result
        }
        delta.categories = suffixes(categories)
        delta.types = suffixes(types)
        delta.firsts = Array(firsts[Self.firstIndex(in: firsts, atOrAfter: from)...])
        return delta
    }

    /// Adds a delta that starts where this index ends (its positions all at or after
    /// `nextPosition`): positions are appended, metadata the delta set replaces this index's,
    /// and a tombstone stays.
    mutating func absorb(_ delta: StreamIndex) {
        guard !streams.isEmpty || !firsts.isEmpty || nextPosition > 0 else {
            self = delta
            return
        }
        streams.reserveCapacity(streams.count + delta.streams.count)
        for (name, part) in delta.streams {
            guard let slot = streams.index(forKey: name) else {
                // A stream the delta made: its lists as they are, without copying them.
                streams[name] = part
                continue
            }
            func extend(_ stream: inout Stream) {
                if stream.tags.count != stream.positions.count {
                    stream.tags = [UInt16](repeating: 0, count: stream.positions.count)
                }
                stream.positions = Self.joined(stream.positions, part.positions)
                stream.tags = Self.joined(stream.tags, part.tags)
                if part.metadataSet {
                    stream.metadata = part.metadata
                    stream.metadataSet = true
                }
                stream.tombstoned = stream.tombstoned || part.tombstoned
            }
            extend(&streams.values[slot])
        }
        for (name, list) in delta.categories { categories[name] = Self.joined(categories[name] ?? [], list) }
        for (name, list) in delta.types { types[name] = Self.joined(types[name] ?? [], list) }
        firsts = Self.joined(firsts, delta.firsts)
        namesByCategory = nil
        nextPosition = delta.nextPosition
    }

    /// `head` then `tail` in a list of just their size: appending would grow it by doubling and
    /// leave up to half of it unused for as long as the index lives.
    static func joined<T>(_ head: [T], _ tail: [T]) -> [T] {
        guard !head.isEmpty else { return tail }
        guard !tail.isEmpty else { return head }
        var list: [T] = []
        list.reserveCapacity(head.count + tail.count)
        list.append(contentsOf: head)
        list.append(contentsOf: tail)
        return list
    }

    /// The first index of an ascending list whose position is at or after `position`.
    static func firstIndex(in list: [UInt64], atOrAfter position: UInt64) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < position { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
