import Foundation

/// What opening found in the directory: the index of every complete durable append, as the
/// saved parts it trusts plus the tail it read from the log after them.
struct Recovered {
    /// The trusted saved parts.
    var saved = SavedIndex()
    /// The index of the events after `saved.end` (the tail).
    var index = StreamIndex()
    /// Ids and packed locations of the tail's events.
    var ids: [UUID] = []
    var locations: [UInt64] = []
    var segments = SegmentList()
    /// After the last complete append.
    var cursor: LogScanner.Cursor
    /// Highest writer generation recorded anywhere (log or checkpoint).
    var generation: UInt32 = 0
    /// Something saved could not be trusted (or was of an older layout): what it covered was
    /// rebuilt from the log, and the index should be saved again.
    var snapshotDamaged = false
    /// Events read from the log after the snapshot (all of them without one).
    var scanned: UInt64 = 0
    /// The size of the store's segments: the options' for a new store, else the largest
    /// segment file's.
    var segmentSize = 0

    mutating func apply(_ entries: [LogScanner.Entry]) {
        let known = LogScanner.Entry.streamsBegunBefore(entries, tail: index)
        for entry in entries {
            index.apply(stream: entry.stream, type: entry.type, data: entry.data, id: entry.id, isKnown: known.contains)
            ids.append(entry.id)
            locations.append(entry.location.packed)
        }
    }
}

extension FileEventStore {
    // MARK: - Opening

    /// Reads the checkpoint and scans the log, repairing a torn tail when writable.
    static func recover(directory: String, options: FileStoreOptions) throws(EventStoreError) -> Recovered {
        var options = options
        let fs = options.fileSystem
        let checkpointPath = directory + "/" + Checkpoint.fileName
        var durable: Checkpoint?
        var generation: UInt32 = 0
        var fence: LogScanner.Fence?
        if fs.fileExists(checkpointPath) {
            let file = try fs.open(checkpointPath, mode: .readOnly)
            defer { file.close() }
            let slots = try Checkpoint.readSlots(file)
            durable = slots.max(by: { $0.checkpoint.position < $1.checkpoint.position })?.checkpoint
            generation = slots.map(\.checkpoint.generation).max() ?? 0
            fence = slots.first(where: { $0.slot == 0 })?.checkpoint.fence
        }

        var indices: [Int] = []
        try fs.forEachName(in: directory) { name in
            if let index = LogFormat.segmentIndex(ofUTF8: name) { indices.append(index) }
        }
        indices.sort()
        for (expected, index) in indices.enumerated() where index != expected {
            throw .corrupt(file: LogFormat.segmentName(expected), offset: 0, reason: "segment file is missing")
        }
        var recovered = Recovered(cursor: LogScanner.Cursor(location: LogLocation(segment: 0, offset: 0), position: 0, generation: 0))
        recovered.segmentSize = options.segmentSize
        // The first and the last segment are opened now; those between open on first use
        // (`SealedSegmentFile`), so that opening costs the same however long the log.
        var files: [Int: (file: any StoreFile, size: UInt64)] = [:]
        for index in Set([indices.first, indices.last].compactMap { $0 }) {
            let path = directory + "/" + LogFormat.segmentName(index)
            let file = try fs.open(path, mode: options.readOnly ? .readOnly : .readWrite)
            files[index] = (file, try file.size())
        }
        // An existing store keeps the segment size it was created with (its largest segment
        // file's: the first one's, sealed at full size, or the last one's, reserved at full size
        // by a writable open), whatever the options say, so that it is read and extended correctly.
        if let largest = files.values.map(\.size).max(), largest >= 4096, largest < 1 << 40 {
            options.segmentSize = Int(largest)
            recovered.segmentSize = Int(largest)
        }
        // The others get their `Segment` on first use too (`SegmentList`): the numbers are
        // 0 ..< count, as checked above.
        var made: [Int: Segment] = [:]
        for (index, (file, size)) in files {
            made[index] = Segment(index: index, file: file, mappedLength: Int(min(size, UInt64(options.segmentSize))))
        }
        recovered.segments = SegmentList(count: indices.count, made: made, directory: directory, fileSystem: fs,
                                         segmentSize: options.segmentSize)
        // Every segment but the last was sealed at its full size: a shorter one lost its end
        // (checked here for the first, and for the others when they open).
        if let first = indices.first, first != indices.last, let size = files[first]?.size, size < UInt64(options.segmentSize) {
            throw .corrupt(file: LogFormat.segmentName(first), offset: size,
                           reason: "sealed segment is cut short: \(size) of \(options.segmentSize) bytes")
        }

        let saved = options.rebuildIndex && !options.readOnly
            ? IndexSnapshot.Loaded(damaged: true)
            : try IndexSnapshot.load(directory: directory, fileSystem: fs, segments: recovered.segments)
        if let cursor = saved.saved.cursor {
            recovered.saved = saved.saved
            recovered.index.nextPosition = saved.saved.end
            recovered.cursor = cursor
        }
        recovered.snapshotDamaged = saved.damaged
        let snapshotPosition = recovered.cursor.position

        let scanner = LogScanner(segments: recovered.segments, segmentSize: options.segmentSize, fence: fence)
        let limit = options.readOnly ? max(durable?.position ?? 0, snapshotPosition) : .max
        let (cursor, stop) = try scanner.scan(from: recovered.cursor, limit: limit) { recovered.apply($0) }
        recovered.cursor = cursor
        recovered.scanned = cursor.position - snapshotPosition
        recovered.generation = max(generation, cursor.generation)

        // A `.fenced` stop ends the log like a torn tail: what follows was never acknowledged.
        if case .invalid(let location, let reason) = stop {
            let sealed = location.segment < recovered.segments.count - 1
            if sealed || cursor.position < durable?.position ?? 0 || options.readOnly {
                throw .corrupt(file: LogFormat.segmentName(location.segment), offset: location.offset, reason: reason)
            }
        }
        if let durable, cursor.position < durable.position {
            let last = max(0, recovered.segments.count - 1)
            throw .corrupt(file: LogFormat.segmentName(last), offset: cursor.location.offset,
                           reason: "the log ends at position \(cursor.position) but \(durable.position) events were durable")
        }
        if !options.readOnly {
            try repairTail(directory: directory, options: options, recovered: &recovered)
        }
        return recovered
    }

    /// Drops segments after the last complete append and makes sure the last one is full size.
    private static func repairTail(directory: String, options: FileStoreOptions, recovered: inout Recovered) throws(EventStoreError) {
        let fs = options.fileSystem
        let keep = recovered.cursor.position == 0 ? 0 : recovered.cursor.location.segment + 1
        var removed = false
        while recovered.segments.count > keep {
            let segment = recovered.segments.removeLast()
            try fs.remove(directory + "/" + segment.name)
            removed = true
        }
        if removed { try fs.syncDirectory(directory) }
        if recovered.segments.isEmpty {
            recovered.segments.append(try createSegment(0, firstPosition: 0, directory: directory, options: options))
            recovered.cursor.location = LogLocation(segment: 0, offset: UInt64(LogFormat.segmentHeaderSize))
            return
        }
        var last = recovered.segments[recovered.segments.count - 1]
        // The writer goes on in a segment that opened on demand when a torn tail dropped
        // the segments after it: it is opened for writing.
        if last.opensOnDemand {
            last = Segment(index: last.index, file: try fs.open(directory + "/" + last.name, mode: .readWrite),
                           mappedLength: options.segmentSize)
            recovered.segments[recovered.segments.count - 1] = last
        }
        if recovered.cursor.location.offset == 0 {
            recovered.cursor.location.offset = UInt64(LogFormat.segmentHeaderSize)
        }
        let wasShort = try last.file.size() < UInt64(options.segmentSize)
        // The segment the writer goes on with gets its space for real: a sparse one (made by
        // an older version, or cut short by a crash) would fail writes, or fault its mapping,
        // on a full disk.
        try last.file.reserve(size: UInt64(options.segmentSize))
        if wasShort {
            try last.file.sync()
            let reopened = Segment(index: last.index, file: try fs.open(directory + "/" + last.name, mode: .readWrite),
                                   mappedLength: options.segmentSize)
            recovered.segments[recovered.segments.count - 1] = reopened
        }
    }

    /// Creates a new segment file with its header, its space reserved on disk (so a full disk
    /// is an error here, never a SIGBUS later), and syncs it.
    static func createSegment(_ index: Int, firstPosition: UInt64, directory: String, options: FileStoreOptions) throws(EventStoreError) -> Segment {
        let fs = options.fileSystem
        let path = directory + "/" + LogFormat.segmentName(index)
        if fs.fileExists(path) { try fs.remove(path) }
        let file = try fs.open(path, mode: .create)
        // On failure the empty file stays: recovery takes a last segment without a header
        // for a torn tail and removes it.
        try file.reserve(size: UInt64(options.segmentSize))
        let header = SegmentHeader(segment: index, firstPosition: firstPosition).encoded()
        try file.write(header, at: 0)
        try file.sync()
        try fs.syncDirectory(directory)
        return Segment(index: index, file: file, mappedLength: options.segmentSize)
    }
}
