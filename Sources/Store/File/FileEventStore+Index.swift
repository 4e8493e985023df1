import Foundation

/// The index questions of the file store, answered from its saved parts (`state.saved`, read
/// in place) and its in-memory tail (`state.index`, `ids`, `locations`: the events from
/// `saved.end` on). Called under the state lock.
extension FileEventStore.State {
    // MARK: - Positions

    /// The first position the in-memory tail holds.
    var tailStart: UInt64 { saved.end }

    /// The packed log location of the durable event at `position`.
    func location(at position: UInt64) throws(EventStoreError) -> UInt64 {
        position >= tailStart ? locations[Int(position - tailStart)] : try saved.location(at: position)
    }

    /// Appends the locations of the durable events at `positions` to `list`.
    func appendLocations(_ positions: Range<UInt64>, to list: inout [UInt64]) throws(EventStoreError) {
        let split = min(max(positions.lowerBound, tailStart), positions.upperBound)
        if positions.lowerBound < split { try saved.appendLocations(positions.lowerBound..<split, to: &list) }
        if split < positions.upperBound {
            list.append(contentsOf: locations[Int(split - tailStart)..<Int(positions.upperBound - tailStart)])
        }
    }

    /// The id of the event at `position`: from memory for the tail, else from its record
    /// (checked as every read is).
    func id(at position: UInt64) throws(EventStoreError) -> UUID {
        if position >= tailStart { return ids[Int(position - tailStart)] }
        let place = LogLocation(packed: try saved.location(at: position))
        guard place.segment < segments.count else {
            throw .corrupt(file: LogFormat.segmentName(place.segment), offset: place.offset, reason: "the index points past the log")
        }
        let segment = segments[place.segment]
        if let record = try segment.record(at: place.offset, position: position) { return record.id }
        return try segment.event(at: place.offset, position: position, link: nil).id
    }

    // MARK: - Streams

    func stream(_ name: String) throws(EventStoreError) -> StoredStream? { try StoredStream(name, saved: saved, tail: index) }

    /// Last version counting only events below `head`, or nil if none or deleted. The
    /// `EventStore` API gives this question no error: when a block of a saved part it reads is
    /// damaged the answer is nil, as a Postgres store's is when its server is unreachable;
    /// every read or append of that stream then fails with the `.corrupt` error.
    /// Stops the writer after a damaged index block met where no error can be thrown: appends
    /// then fail with the reason, which the console's header and `run` report.
    mutating func noteDamagedIndex(_ error: EventStoreError) {
        if failure == nil { failure = "the index is damaged (\(error)); run bank-console verify" }
    }

    func lastVersion(of name: String, head: UInt64) -> Int64? {
        switch Result(catching: { () throws(EventStoreError) in try checkedLastVersion(of: name, head: head) }) {
        case .success(let version): version
        case .failure: nil
        }
    }

    /// `lastVersion(of:head:)`, or the error of a damaged block.
    func checkedLastVersion(of name: String, head: UInt64) throws(EventStoreError) -> Int64? {
        guard let stream = try stream(name), !stream.tombstoned, !stream.isSoftDeleted(head: head) else { return nil }
        let count = stream.visibleCount(head: head)
        return count == 0 ? nil : Int64(count - 1)
    }

    func metadata(of name: String) throws(EventStoreError) -> StreamMetadata { try stream(name)?.metadata ?? StreamMetadata() }

    func isTombstoned(_ name: String) throws(EventStoreError) -> Bool { try stream(name)?.tombstoned ?? false }

    /// The positions of a stream (or system index) below `head`, with the first readable
    /// version; the same answers as `StreamIndex.positions(of:head:)`.
    func positions(of target: ReadTarget, head: UInt64) throws(EventStoreError) -> (positions: PositionList, firstVersion: Int64) {
        func system(_ table: IndexPartFile.Table?, _ name: String, _ tailList: [UInt64]?) throws(EventStoreError) -> PositionList {
            var list = PositionList()
            var name = name
            try name.withUTF8 { utf8 in
                Result { () throws(EventStoreError) in
                    for savedPart in saved.parts {
                        let part = try savedPart.file()
                        if let table {
                            if let run = try part.run(of: table, named: UnsafeRawBufferPointer(utf8)) { list.append(.saved(part, run)) }
                        } else {
                            list.append(.saved(part, IndexPartFile.Run(area: .firsts, start: 0, count: part.firstsCount)))
                        }
                    }
                }
            }.get()
            if let tailList { list.append(.tail(tailList[..<StreamIndex.firstIndex(in: tailList, atOrAfter: head)])) }
            return list
        }
        switch target {
        case .all:
            throw .streamNotFound(StreamNames.all)
        case .streams:
            return (try system(nil, "", index.firsts), 0)
        case .category(let category):
            return (try system(.categories, category, index.categories[category]), 0)
        case .eventType(let type):
            return (try system(.types, type, index.types[type]), 0)
        case .stream(let name):
            guard let stream = try stream(name), stream.eventCount > 0 || stream.tombstoned else { throw .streamNotFound(name) }
            if stream.tombstoned { throw .streamDeleted(name) }
            let count = stream.visibleCount(head: head)
            guard count > 0, !stream.isSoftDeleted(head: head) else { throw .streamNotFound(name) }
            var first = Int64(0)
            if let tb = stream.metadata.truncateBefore { first = max(first, tb) }
            if let maxCount = stream.metadata.maxCount { first = max(first, Int64(count) - maxCount) }
            first = min(first, Int64(count))
            var list = stream.positionList()
            list.keepFirst(count)
            list.dropFirst(Int(first))
            return (list, first)
        }
    }

    // MARK: - Listing

    /// Stream names with their last version, sorted by name; a prefix is found by binary
    /// search in each part, so a listing costs the streams it lists (plus the tail's). The
    /// `EventStore` API gives this question no error: when a block of a saved part it reads is
    /// damaged the listing is empty, as a Postgres store's is when its server is unreachable.
    func streamInfos(prefix: String?, head: UInt64) -> [StreamInfo] {
        switch Result(catching: { () throws(EventStoreError) in try checkedStreamInfos(prefix: prefix, head: head) }) {
        case .success(let infos): return infos
        case .failure: return []
        }
    }

    func checkedStreamInfos(prefix: String?, head: UInt64) throws(EventStoreError) -> [StreamInfo] {
        struct Found {
            var count = 0
            var last: UInt64 = 0
            var tombstoned = false
            var metadata = StreamMetadata()
        }
        var found: [String: Found] = [:]
        var prefixBytes = prefix ?? ""
        try prefixBytes.withUTF8 { utf8 in
            Result { () throws(EventStoreError) in
                for savedPart in saved.parts {
                    let part = try savedPart.file()
                    let slots = prefix == nil ? 0..<part.streamCount : try part.slots(withPrefix: UnsafeRawBufferPointer(utf8))
                    for slot in slots {
                        let run = try part.run(ofStream: slot)
                        let flags = try part.flags(slot)
                        let metadata = try part.metadata(ofStream: slot)
                        guard run.count > 0 || flags != 0 else { continue }
                        let name = try part.name(ofStream: slot)
                        var entry = found[name] ?? Found()
                        entry.count += run.count
                        if run.count > 0 { entry.last = try part.position(.streams, run.start + run.count - 1) }
                        if flags & IndexPart.tombstonedFlag != 0 { entry.tombstoned = true }
                        if let metadata { entry.metadata = metadata }
                        found[name] = entry
                    }
                }
            }
        }.get()
        for (name, stream) in index.streams where prefix.map(name.hasPrefix) ?? true {
            var entry = found[name] ?? Found()
            let visible = StreamIndex.firstIndex(in: stream.positions, atOrAfter: head)
            entry.count += visible
            if visible > 0 { entry.last = stream.positions[visible - 1] }
            entry.tombstoned = entry.tombstoned || stream.tombstoned
            if stream.metadataSet { entry.metadata = stream.metadata }
            found[name] = entry
        }
        var result: [StreamInfo] = []
        result.reserveCapacity(found.count)
        for (name, entry) in found where entry.count > 0 {
            let softDeleted = entry.metadata.truncateBefore.map { $0 >= Int64(entry.count) && $0 > 0 } ?? false
            result.append(StreamInfo(name: name, lastVersion: Int64(entry.count - 1), lastPosition: entry.last,
                                     isDeleted: entry.tombstoned || softDeleted))
        }
        return result.sorted { $0.name < $1.name }
    }
}
