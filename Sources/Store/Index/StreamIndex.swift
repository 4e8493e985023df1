import Foundation

/// The in-memory index every backend keeps: stream → positions, the `$ce-`/`$et-`/`$streams`
/// system indexes, stream metadata, and the append decision (expected version, idempotency).
///
/// It stores positions only, never event bodies; a backend resolves positions to events.
/// Not thread-safe: the owning backend serialises access.
public struct StreamIndex: Sendable {
    /// Event type of metadata events in `$$stream`.
    public static let metadataType = "$metadata"
    /// Event type of the tombstone marker in `$$stream`.
    public static let tombstoneType = "$tombstone"
    /// How far back an `.any`/`.streamExists` append looks for a repeated event id.
    public static let idempotencyWindow = 1_000
    /// Positions a new stream has room for before its lists grow.
    static let initialStreamCapacity = 4

    struct Stream: Sendable {
        var positions: [UInt64] = []
        /// A 16-bit fingerprint of each event's id, parallel to `positions`, so the idempotency
        /// search scans two bytes per event and looks up ids only on a fingerprint match.
        var tags: [UInt16] = []
        var metadata = StreamMetadata()
        /// Whether `metadata` was set by a metadata event this index holds (a delta's streams
        /// otherwise carry no metadata of their own).
        var metadataSet = false
        var tombstoned = false
    }

    var streams: [String: Stream] = [:]
    var categories: [String: [UInt64]] = [:]
    var types: [String: [UInt64]] = [:]
    var firsts: [UInt64] = []
    /// The names of each category's streams, in creation order: built on the first listing by
    /// a category prefix (`Accounts-`), then kept up to date, so such a listing costs the
    /// category's size rather than a scan of every stream.
    var namesByCategory: [String: [String]]?
    /// Next position to assign.
    public internal(set) var nextPosition: UInt64 = 0

    public init() {}

    /// What an append should do, decided before anything is written.
    public enum AppendPlan: Sendable, Equatable {
        /// Write the batch starting at this version.
        case write(firstVersion: Int64)
        /// The batch is already in the stream: return this result, write nothing.
        case alreadyWritten(AppendResult)
    }

    // MARK: - Deciding

    /// Decides an append against the current (including not-yet-durable) state.
    ///
    /// `idAt` resolves a position to the id of the event there; `ids` is indexed from 0 (an array,
    /// or a lazy map over one, so the writer builds no id array per append).
    public func plan<IDs: RandomAccessCollection<UUID>>(stream name: String, expected: ExpectedVersion, ids: IDs, idAt: (UInt64) throws(EventStoreError) -> UUID) throws(EventStoreError) -> AppendPlan where IDs.Index == Int {
        try Self.plan(stream: name, history: streams[name], expected: expected, ids: ids, idAt: idAt)
    }

    /// Decides an append to `name`, whose events so far `history` describes (nil for a stream
    /// never written): the same decision whatever keeps the stream's positions (this index, or
    /// the file store's saved parts and its in-memory tail).
    static func plan<History: StreamHistory, IDs: RandomAccessCollection<UUID>>(
        stream name: String, history stream: History?, expected: ExpectedVersion, ids: IDs,
        idAt: (UInt64) throws(EventStoreError) -> UUID) throws(EventStoreError) -> AppendPlan where IDs.Index == Int {
        guard !ids.isEmpty else { throw .emptyAppend }
        if stream?.isTombstoned == true { throw .streamDeleted(name) }
        let count = stream?.eventCount ?? 0
        let current = Int64(count) - 1
        let softDeleted = stream.map { history in
            history.truncateBefore.map { $0 >= Int64(count) && $0 > 0 } ?? false
        } ?? false
        let visible: Int64? = (current < 0 || softDeleted) ? nil : current

        func existing(from version: Int64) throws(EventStoreError) -> AppendPlan? {
            // Compares the batch with the events from `version` on; nil when the first differs.
            guard let stream, version >= 0, version < count else { return nil }
            guard try idAt(try stream.position(at: Int(version))) == ids[0] else { return nil }
            for offset in 1..<ids.count {
                let v = Int(version) + offset
                guard v < count, try idAt(try stream.position(at: v)) == ids[offset] else {
                    throw .idempotencyConflict(stream: name, eventId: ids[offset].uuidString.lowercased())
                }
            }
            let last = Int(version) + ids.count - 1
            return .alreadyWritten(AppendResult(firstVersion: version, lastVersion: Int64(last),
                                                firstPosition: try stream.position(at: Int(version)), lastPosition: try stream.position(at: last)))
        }
        func search() throws(EventStoreError) -> AppendPlan? {
            guard let stream else { return nil }
            let low = max(0, count - Self.idempotencyWindow)
            let tag = Self.tag(of: ids[0])
            // Newest first; ids are looked up only where a fingerprint matches.
            var end = count
            while end > low, let v = try stream.lastVersion(withTag: tag, below: end, atLeast: low) {
                if try idAt(try stream.position(at: v)) == ids[0] { return try existing(from: Int64(v)) }
                end = v
            }
            return nil
        }

        if let done = try expected.decide(stream: name, current: current, visible: visible, search: search, existing: existing) { return done }
        return .write(firstVersion: current + 1)
    }

    // MARK: - Applying

    /// Records an event at the next position. Metadata events of `$$stream` update that
    /// stream's metadata; `$`-streams stay out of `$ce-`, `$et-` and `$streams`.
    public mutating func apply(stream name: String, type: String, data: Data, id: UUID) {
        apply(stream: name, type: type, data: data, id: id, isKnown: { _ in false })
    }

    /// `apply`, for an index that holds only the log's tail: `isKnown` says whether a stream
    /// this index has no events of already has some before it (so it is not a new stream in
    /// `$streams`); it is asked only then.
    mutating func apply(stream name: String, type: String, data: Data, id: UUID, isKnown: (String) -> Bool) {
        let position = nextPosition
        nextPosition += 1
        var isNew = false
        let tag = Self.tag(of: id)
        func record(_ stream: inout Stream) {
            isNew = stream.positions.isEmpty
            stream.positions.append(position)
            stream.tags.append(tag)
        }
        // In place: copying the stream out and back would copy its whole position list.
        record(&streams[name, default: Stream()])
        if name.hasPrefix("$$") {
            let target = String(name.dropFirst(2))
            var subject = streams[target] ?? Stream()
            if type == Self.tombstoneType {
                subject.tombstoned = true
            } else if type == Self.metadataType {
                switch Result(catching: { () throws(EventStoreError) in try StreamMetadata(json: data) }) {
                case .success(let metadata):
                    subject.metadata = metadata
                    subject.metadataSet = true
                // The store writes valid metadata itself; anything else in `$$stream` is not
                // metadata it can apply, and the stream keeps what it had (as EventStoreDB does).
                case .failure: break
                }
            }
            streams[target] = subject
        }
        guard !name.hasPrefix("$") else { return }
        if isNew, !isKnown(name) {
            firsts.append(position)
            noteNew(name)
        }
        if let category = StreamNames.category(of: name) { categories[category, default: []].append(position) }
        types[type, default: []].append(position)
    }

    /// Applies a batch appended to one stream: the same as `apply` per event, with the stream,
    /// category and type lookups done once per batch (per run of one type) instead of per event.
    mutating func apply(stream name: String, events: [EventData], isKnown: (String) -> Bool = { _ in false }) {
        guard !events.isEmpty else { return }
        guard !name.hasPrefix("$") else {
            for event in events { apply(stream: name, type: event.type, data: event.data, id: event.id, isKnown: isKnown) }
            return
        }
        let first = nextPosition
        let count = UInt64(events.count)
        nextPosition += count
        var isNew = false
        func record(_ stream: inout Stream) {
            isNew = stream.positions.isEmpty
            if isNew {
                // Most streams get a few events: room for them at once saves regrowing both lists.
                stream.positions.reserveCapacity(max(events.count, Self.initialStreamCapacity))
                stream.tags.reserveCapacity(max(events.count, Self.initialStreamCapacity))
            }
            for (offset, event) in events.enumerated() {
                stream.positions.append(first + UInt64(offset))
                stream.tags.append(Self.tag(of: event.id))
            }
        }
        record(&streams[name, default: Stream()])
        if isNew, !isKnown(name) {
            firsts.append(first)
            noteNew(name)
        }
        if let category = StreamNames.category(of: name) {
            func extend(_ list: inout [UInt64]) { list.append(contentsOf: first..<(first + count)) }
            extend(&categories[category, default: []])
        }
        var start = 0
        while start < events.count {
            let type = events[start].type
            var end = start + 1
            while end < events.count, events[end].type == type { end += 1 }
            let from = first + UInt64(start), to = first + UInt64(end)
            func extend(_ list: inout [UInt64]) { list.append(contentsOf: from..<to) }
            extend(&types[type, default: []])
            start = end
        }
    }

    /// The 16-bit fingerprint of an event id.
    static func tag(of id: UUID) -> UInt16 {
        let (high, low) = withUnsafeBytes(of: id.uuid) { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        let mixed = high ^ low
        return UInt16(truncatingIfNeeded: mixed ^ (mixed >> 16) ^ (mixed >> 32) ^ (mixed >> 48))
    }

    // MARK: - Reading

    /// Last version counting only events below `head`, or nil if none or deleted.
    public func lastVersion(of name: String, head: UInt64) -> Int64? {
        guard let stream = streams[name], !stream.tombstoned, !isSoftDeleted(stream, head: head) else { return nil }
        let count = visibleCount(stream.positions, head: head)
        return count == 0 ? nil : Int64(count - 1)
    }

    /// Metadata of a stream.
    public func metadata(of name: String) -> StreamMetadata { streams[name]?.metadata ?? StreamMetadata() }

    /// Whether the stream was hard-deleted.
    public func isTombstoned(_ name: String) -> Bool { streams[name]?.tombstoned ?? false }

    /// The positions of a stream (or system index) below `head`, with the first readable
    /// version. Throws for unknown, deleted or tombstoned streams.
    public func positions(of target: ReadTarget, head: UInt64) throws(EventStoreError) -> (positions: ArraySlice<UInt64>, firstVersion: Int64) {
        switch target {
        case .all:
            throw .streamNotFound(StreamNames.all)
        case .streams:
            return (firsts[..<visibleCount(firsts, head: head)], 0)
        case .category(let category):
            let list = categories[category] ?? []
            return (list[..<visibleCount(list, head: head)], 0)
        case .eventType(let type):
            let list = types[type] ?? []
            return (list[..<visibleCount(list, head: head)], 0)
        case .stream(let name):
            guard let stream = streams[name], !stream.positions.isEmpty || stream.tombstoned else { throw .streamNotFound(name) }
            if stream.tombstoned { throw .streamDeleted(name) }
            let count = visibleCount(stream.positions, head: head)
            guard count > 0, !isSoftDeleted(stream, head: head) else { throw .streamNotFound(name) }
            var first = Int64(0)
            if let tb = stream.metadata.truncateBefore { first = max(first, tb) }
            if let maxCount = stream.metadata.maxCount { first = max(first, Int64(count) - maxCount) }
            first = min(first, Int64(count))
            return (stream.positions[Int(first)..<count], first)
        }
    }

    /// Stream names with their last version, for listings. A prefix that is a category and its
    /// dash (`Accounts-`) reads that category's names only; any other prefix scans every stream.
    public mutating func streamInfos(prefix: String?, head: UInt64) -> [StreamInfo] {
        var result: [StreamInfo] = []
        func add(_ name: String, _ stream: Stream) {
            let count = visibleCount(stream.positions, head: head)
            guard count > 0 else { return }
            let deleted = stream.tombstoned || isSoftDeleted(stream, head: head)
            result.append(StreamInfo(name: name, lastVersion: Int64(count - 1),
                                     lastPosition: stream.positions[count - 1], isDeleted: deleted))
        }
        if let prefix, prefix.last == "-", let category = StreamNames.category(of: prefix), category.count == prefix.count - 1 {
            if namesByCategory == nil { namesByCategory = categoryNames() }
            for name in namesByCategory?[category] ?? [] {
                if let stream = streams[name] { add(name, stream) }
            }
        } else {
            for (name, stream) in streams where prefix.map(name.hasPrefix) ?? true { add(name, stream) }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Adds a new stream to its category's names, once those are kept.
    private mutating func noteNew(_ name: String) {
        guard namesByCategory != nil, let category = StreamNames.category(of: name) else { return }
        namesByCategory?[category, default: []].append(name)
    }

    /// Every category's stream names (`$` streams have none), from a scan of all streams.
    private func categoryNames() -> [String: [String]] {
        var names: [String: [String]] = [:]
        for (name, stream) in streams where !name.hasPrefix("$") && !stream.positions.isEmpty {
            if let category = StreamNames.category(of: name) { names[category, default: []].append(name) }
        }
        return names
    }

    private func isSoftDeleted(_ stream: Stream, head: UInt64 = .max) -> Bool {
        guard let tb = stream.metadata.truncateBefore else { return false }
        return tb >= Int64(visibleCount(stream.positions, head: head)) && tb > 0
    }

    private func visibleCount(_ positions: [UInt64], head: UInt64) -> Int {
        guard let last = positions.last, last >= head else { return positions.count }
        // Positions ascend; binary search the first at or beyond head.
        var low = 0, high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < head { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
