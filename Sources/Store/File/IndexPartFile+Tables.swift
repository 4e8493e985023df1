extension IndexPartFile {
    // MARK: - Positions and locations

    /// The packed log location of `position` (in `range`).
    func location(at position: UInt64) throws(EventStoreError) -> UInt64 {
        let at = locationsAt + Int(position - range.lowerBound) * 8
        try ensure(at, 8)
        return bytes.integer(at: at)
    }

    /// Appends the locations of `positions` (within `range`) to `list`.
    func appendLocations(_ positions: Range<UInt64>, to list: inout [UInt64]) throws(EventStoreError) {
        let start = locationsAt + Int(positions.lowerBound - range.lowerBound) * 8
        let count = positions.count
        guard count > 0, let base = bytes.baseAddress else { return }
        try ensure(start, count * 8)
        // The section starts 8-byte aligned in a page-aligned mapping (or 16-aligned buffer),
        // and the machine is little-endian, as every build is: one copy.
        list.append(contentsOf: UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt64.self), count: count))
    }

    /// The position at `index` of an area (a stream's, a list's or the firsts').
    func position(_ area: Run.Area, _ index: Int) throws(EventStoreError) -> UInt64 {
        let at = switch area {
        case .streams: streamPositionsAt
        case .lists: listPositionsAt
        case .firsts: firstsAt
        }
        try ensure(at + index * 4, 4)
        return range.lowerBound + UInt64(bytes.integer(at: at + index * 4, as: UInt32.self))
    }

    /// The id fingerprint of the stream position at `index`.
    func tag(_ index: Int) throws(EventStoreError) -> UInt16 {
        try ensure(tagsAt + index * 2, 2)
        return bytes.integer(at: tagsAt + index * 2)
    }

    // MARK: - Streams

    /// The entry of the stream in `slot` (below `streamCount`), checked with its table block.
    private func streamEntry(_ slot: Int) throws(EventStoreError) -> (name: Range<Int>, flags: UInt16, run: (start: Int, count: Int)) {
        let at = streamsAt + slot * IndexPart.streamEntrySize
        try ensureOrdered(at)
        return try rawEntry(at)
    }

    /// The name of the stream in `slot`.
    func name(ofStream slot: Int) throws(EventStoreError) -> String {
        String(decoding: try nameAt(try streamEntry(slot).name), as: UTF8.self)
    }

    /// Calls `body` with the UTF-8 bytes of every stream name of the part, in slot order, each
    /// entry and name checked as a lookup checks them (what `StoreStreamFilter` is built from).
    func forEachStreamName(_ body: (UnsafeRawBufferPointer) -> Void) throws(EventStoreError) {
        for slot in 0..<streamCount { body(try nameAt(try streamEntry(slot).name)) }
    }

    /// Whether the part may hold the stream whose name has `hash` (`StreamFilter`): false
    /// means it does not; true, that it does or (about 1 time in 100) that it does not.
    func mayHoldStream(_ hash: StreamFilter.Hash) throws(EventStoreError) -> Bool {
        guard filterBlocks > 0 else { return false }
        let at = filterAt + StreamFilter.blockOffset(of: hash, blocks: filterBlocks)
        try ensure(at, StreamFilter.blockWords * 8)
        return StreamFilter.passes(hash, block: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + StreamFilter.blockWords * 8)]))
    }

    /// The slot of the stream named by `utf8`, or nil when the part holds nothing of it.
    func slot(ofStream utf8: UnsafeRawBufferPointer) throws(EventStoreError) -> Int? {
        var low = 0, high = streamCount
        while low < high {
            let middle = (low + high) / 2
            let order = IndexPart.compare(try nameAt(try streamEntry(middle).name), utf8)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The slots of the streams whose names start with `prefix`.
    func slots(withPrefix prefix: UnsafeRawBufferPointer) throws(EventStoreError) -> Range<Int> {
        func order(_ slot: Int) throws(EventStoreError) -> Int {
            let name = try nameAt(try streamEntry(slot).name)
            let head = UnsafeRawBufferPointer(rebasing: name[0..<min(name.count, prefix.count)])
            let result = IndexPart.compare(head, prefix)
            return result != 0 ? result : (name.count < prefix.count ? -1 : 0)
        }
        var low = 0, high = streamCount
        while low < high {
            let middle = (low + high) / 2
            if try order(middle) < 0 { low = middle + 1 } else { high = middle }
        }
        var end = low
        high = streamCount
        while end < high {
            let middle = (end + high) / 2
            if try order(middle) <= 0 { end = middle + 1 } else { high = middle }
        }
        return low..<end
    }

    /// The run of the stream in `slot` within the streams area.
    func run(ofStream slot: Int) throws(EventStoreError) -> Run {
        let run = try streamEntry(slot).run
        return Run(area: .streams, start: run.start, count: run.count)
    }

    func flags(_ slot: Int) throws(EventStoreError) -> UInt16 { try streamEntry(slot).flags }

    /// The metadata the part's events set on the stream in `slot`, if they set any.
    func metadata(ofStream slot: Int) throws(EventStoreError) -> StreamMetadata? {
        guard try flags(slot) & IndexPart.metadataFlag != 0 else { return nil }
        var low = 0, high = metadataCount
        while low < high {
            let middle = (low + high) / 2
            let at = metadataAt + middle * IndexPart.metadataEntrySize
            try ensureOrdered(at)
            try ensure(at, IndexPart.metadataEntrySize)
            let found = Int(bytes.integer(at: at, as: UInt32.self))
            if found == slot {
                func optional(_ value: Int64) -> Int64? { value < 0 ? nil : value }
                return StreamMetadata(maxCount: optional(bytes.integer(at: at + 8)), maxAge: optional(bytes.integer(at: at + 16)),
                                      truncateBefore: optional(bytes.integer(at: at + 24)))
            }
            if found < slot { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    // MARK: - Categories, types, new streams

    /// The entry `index` of the list tables (categories, then types), checked with its block.
    private func listEntry(_ index: Int) throws(EventStoreError) -> (name: Range<Int>, run: Run) {
        let at = listsAt + index * IndexPart.listEntrySize
        try ensureOrdered(at)
        let entry = try rawEntry(at)
        return (entry.name, Run(area: .lists, start: entry.run.start, count: entry.run.count))
    }

    /// The run of the category or event type named `utf8` within the lists area, if any.
    func run(of table: Table, named utf8: UnsafeRawBufferPointer) throws(EventStoreError) -> Run? {
        var (low, high) = table == .categories ? (0, categoryCount) : (categoryCount, categoryCount + typeCount)
        while low < high {
            let middle = (low + high) / 2
            let entry = try listEntry(middle)
            let order = IndexPart.compare(try nameAt(entry.name), utf8)
            if order == 0 { return entry.run }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The names and runs of a list table, in name order.
    func lists(_ table: Table) throws(EventStoreError) -> [(name: String, run: Run)] {
        let (first, count) = table == .categories ? (0, categoryCount) : (categoryCount, typeCount)
        var result: [(name: String, run: Run)] = []
        result.reserveCapacity(count)
        for index in first..<(first + count) {
            let entry = try listEntry(index)
            result.append((String(decoding: try nameAt(entry.name), as: UTF8.self), entry.run))
        }
        return result
    }

    // MARK: - As a delta

    /// The part as an in-memory delta (what `StreamIndex.delta(since:)` gave when it was
    /// written), for merging parts into a bigger one. O(the part's size).
    func delta() throws(EventStoreError) -> StreamIndex {
        var index = StreamIndex()
        index.nextPosition = range.upperBound
        index.streams.reserveCapacity(streamCount)
        for slot in 0..<streamCount {
            let run = try run(ofStream: slot)
            var stream = StreamIndex.Stream()
            stream.positions.reserveCapacity(run.count)
            stream.tags.reserveCapacity(run.count)
            for n in run.start..<(run.start + run.count) {
                stream.positions.append(try position(.streams, n))
                stream.tags.append(try tag(n))
            }
            stream.tombstoned = try flags(slot) & IndexPart.tombstonedFlag != 0
            if let metadata = try metadata(ofStream: slot) {
                stream.metadata = metadata
                stream.metadataSet = true
            }
            index.streams[try name(ofStream: slot)] = stream
        }
        for (table, lists) in [(Table.categories, \StreamIndex.categories), (.types, \StreamIndex.types)] {
            for (name, run) in try self.lists(table) {
                var positions: [UInt64] = []
                positions.reserveCapacity(run.count)
                for n in run.start..<(run.start + run.count) { positions.append(try position(.lists, n)) }
                index[keyPath: lists][name] = positions
            }
        }
        for n in 0..<firstsCount { index.firsts.append(try position(.firsts, n)) }
        return index
    }
}
