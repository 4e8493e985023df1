/// The index (or a delta of it) in binary form, for the file store's index parts.
extension StreamIndex {
    func encode(into out: ByteWriter) {
        out.put(nextPosition)
        out.put(UInt32(streams.count))
        for (name, stream) in streams {
            out.put(string: name)
            out.put(UInt8(stream.tombstoned ? 1 : 0))
            for value in [stream.metadata.maxCount, stream.metadata.maxAge, stream.metadata.truncateBefore] {
                out.put(value ?? -1)
            }
            out.put(UInt32(stream.positions.count))
            out.put(array: stream.positions)
            out.put(array: stream.tags.count == stream.positions.count ? stream.tags : [UInt16](repeating: 0, count: stream.positions.count))
        }
        for lists in [categories, types] {
            out.put(UInt32(lists.count))
            for (name, positions) in lists {
                out.put(string: name)
                out.put(UInt32(positions.count))
                out.put(array: positions)
            }
        }
        out.put(UInt32(firsts.count))
        out.put(array: firsts)
    }

    static func decode(from reader: inout ByteReader) throws(ByteReader.Overrun) -> StreamIndex {
        var index = StreamIndex()
        index.nextPosition = try reader.integer()
        let streamCount = Int(try reader.integer(UInt32.self))
        index.streams.reserveCapacity(streamCount)
        for _ in 0..<streamCount {
            let name = try reader.string()
            var stream = Stream()
            stream.tombstoned = try reader.integer(UInt8.self) != 0
            func optional(_ value: Int64) -> Int64? { value < 0 ? nil : value }
            stream.metadata = StreamMetadata(maxCount: optional(try reader.integer()), maxAge: optional(try reader.integer()),
                                             truncateBefore: optional(try reader.integer()))
            stream.positions = try reader.array(of: UInt64.self, count: Int(try reader.integer(UInt32.self)))
            stream.tags = try reader.array(of: UInt16.self, count: stream.positions.count)
            index.streams[name] = stream
        }
        for list in 0..<2 {
            let count = Int(try reader.integer(UInt32.self))
            var lists: [String: [UInt64]] = [:]
            lists.reserveCapacity(count)
            for _ in 0..<count {
                let name = try reader.string()
                lists[name] = try reader.array(of: UInt64.self, count: Int(try reader.integer(UInt32.self)))
            }
            if list == 0 { index.categories = lists } else { index.types = lists }
        }
        index.firsts = try reader.array(of: UInt64.self, count: Int(try reader.integer(UInt32.self)))
        return index
    }

    /// Whether every list is ascending, within `from ..< nextPosition`, and tags match
    /// positions: a saved index whose checksum holds but whose content does not is still never
    /// trusted.
    func isConsistent(from: UInt64 = 0) -> Bool {
        func valid(_ list: [UInt64]) -> Bool {
            var previous: UInt64?
            for position in list {
                if position >= nextPosition || position < from { return false }
                if let previous, position <= previous { return false }
                previous = position
            }
            return true
        }
        for stream in streams.values where !valid(stream.positions) || stream.tags.count != stream.positions.count {
            return false
        }
        return categories.values.allSatisfy(valid) && types.values.allSatisfy(valid) && valid(firsts)
    }
}
