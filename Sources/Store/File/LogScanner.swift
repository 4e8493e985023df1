import Foundation

/// Walks the log from a point, checking every record, and reports whole appends.
///
/// A record is accepted when its CRC matches, its position is the next one, and its generation
/// is not older than the records before it (stale bytes left behind by an earlier crash are
/// older). Records are handed out only once the append they belong to is complete (its last
/// record carries the commit flag), so a torn append is never partly applied.
struct LogScanner {
    /// Where a scan stands: the end of the last complete append.
    struct Cursor: Sendable, Equatable {
        var location: LogLocation
        var position: UInt64
        var generation: UInt32
    }

    /// An event of a complete append, as much as the index needs.
    struct Entry {
        var stream: String
        var type: String
        var id: UUID
        /// The event's version in its stream (0 for a stream's first event).
        var version: Int64
        /// Only for `$$` streams, whose metadata the index parses.
        var data: Data
        var location: LogLocation
    }

    /// From `location` on, a record must be of `minimumGeneration` or newer (see `Checkpoint`).
    struct Fence: Sendable, Equatable {
        var location: LogLocation
        var minimumGeneration: UInt32
    }

    /// Why a scan stopped.
    enum Stop: Equatable {
        /// No more records: zeros after the last one, in the last segment.
        case end
        /// Reached the requested position.
        case limit
        /// Something that is not a valid next record, at this place.
        case invalid(LogLocation, String)
        /// A record the fence rules out (stale, or written by a writer that then reported the
        /// write failed), at this place: the log ends here.
        case fenced(LogLocation)
    }

    let segments: SegmentList
    let segmentSize: Int
    var fence: Fence?

    /// Scans from `cursor` until the end, a bad record, or `limit` events; calls `apply` with each
    /// complete append's entries in order. Returns the cursor after the last complete append.
    func scan(from start: Cursor, limit: UInt64 = .max, apply: ([Entry]) -> Void) throws(EventStoreError) -> (Cursor, Stop) {
        var cursor = start
        var pending: [Entry] = []
        var pendingEnd = start
        var segment = start.location.segment
        var offset = Int(start.location.offset)
        while segment < segments.count {
            // Stop before looking at the next segment at all: a writer may be creating it.
            if cursor.position >= limit && pending.isEmpty { return (cursor, .limit) }
            let file = segments[segment]
            let outcome = try file.withBytes(limit: segmentSize) { bytes throws(EventStoreError) -> Stop? in
                if offset == LogFormat.segmentHeaderSize || offset == 0 {
                    switch SegmentHeader.decode(bytes) {
                    case .failure(let error):
                        return .invalid(LogLocation(segment: segment, offset: 0), error.reason)
                    case .success(let header):
                        guard header.segment == segment else {
                            return .invalid(LogLocation(segment: segment, offset: 0), "header names segment \(header.segment)")
                        }
                        guard header.firstPosition == pendingEnd.position else {
                            return .invalid(LogLocation(segment: segment, offset: 0),
                                            "segment starts at position \(header.firstPosition), expected \(pendingEnd.position)")
                        }
                    }
                    offset = LogFormat.segmentHeaderSize
                }
                while true {
                    if cursor.position >= limit { return .limit }
                    let here = LogLocation(segment: segment, offset: UInt64(offset))
                    switch LogFrame.read(bytes, at: offset) {
                    case .end:
                        return nil
                    case .invalid(let reason):
                        return .invalid(here, reason)
                    case .record(let record, let size):
                        if let fence, here >= fence.location, record.generation < fence.minimumGeneration {
                            return .fenced(here)
                        }
                        guard record.position == pendingEnd.position else {
                            return .invalid(here, "record holds position \(record.position), expected \(pendingEnd.position)")
                        }
                        guard record.generation >= pendingEnd.generation else {
                            return .invalid(here, "record of an older writer generation (\(record.generation) after \(pendingEnd.generation))")
                        }
                        let stream = record.stream
                        pending.append(Entry(stream: stream, type: record.type, id: record.id, version: record.version,
                                             data: stream.hasPrefix("$$") ? record.data : Data(), location: here))
                        offset += size
                        pendingEnd = Cursor(location: LogLocation(segment: segment, offset: UInt64(offset)),
                                            position: pendingEnd.position + 1, generation: record.generation)
                        if record.isCommit {
                            apply(pending)
                            pending.removeAll(keepingCapacity: true)
                            cursor = pendingEnd
                        }
                    }
                }
            }
            if let outcome { return (cursor, outcome) }
            // Zeros: this segment holds no more records; the next one, if any, continues the log.
            segment += 1
            offset = 0
            if segment < segments.count { pendingEnd.location = LogLocation(segment: segment, offset: 0) }
        }
        return (cursor, .end)
    }
}
