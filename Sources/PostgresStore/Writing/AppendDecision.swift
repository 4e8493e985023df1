import Foundation
import Store

/// The expected-version and idempotency decision for one append, as a value (the same table
/// `StreamIndex.plan` implements for the file and memory stores).
///
/// The caller supplies the stream's row and two look-ups into the events already written, and
/// then carries out the decision. Pure apart from the look-ups; throws only `EventStoreError`.
enum AppendDecision: Sendable, Equatable {
    /// Write the batch starting at this version.
    case write(firstVersion: Int64)
    /// The batch is already in the stream: return this result, write nothing.
    case alreadyWritten(AppendResult)

    /// What the decision needs from the events table.
    struct Lookups {
        /// (version, id, position) of the stream's events from `version`, at most `count`, in order.
        var eventsFrom: (_ version: Int64, _ count: Int) throws(EventStoreError) -> [(version: Int64, id: UUID, position: UInt64)]
        /// The newest version at or after `minVersion` holding event `id`, if any.
        var newestVersion: (_ id: UUID, _ minVersion: Int64) throws(EventStoreError) -> Int64?
    }

    /// How far back an `.any`/`.streamExists` append looks for a repeated event id.
    static let idempotencyWindow = Int64(StreamIndex.idempotencyWindow)

    static func decide(stream name: String, row: StreamRow?, expected: ExpectedVersion, ids: [UUID], lookups: Lookups) throws(EventStoreError) -> AppendDecision {
        guard !ids.isEmpty else { throw .emptyAppend }
        if row?.tombstoned == true { throw .streamDeleted(name) }
        let current = row?.lastVersion ?? -1
        let visible = row?.visibleLastVersion

        /// Compares the batch with the events from `version` on; nil when the first differs.
        func existing(from version: Int64) throws(EventStoreError) -> AppendDecision? {
            guard version >= 0, version <= current else { return nil }
            let written = try lookups.eventsFrom(version, ids.count)
            guard let first = written.first, first.version == version, first.id == ids[0] else { return nil }
            for offset in 1..<ids.count {
                guard offset < written.count, written[offset].id == ids[offset] else {
                    throw .idempotencyConflict(stream: name, eventId: ids[offset].uuidString.lowercased())
                }
            }
            let last = written[ids.count - 1]
            return .alreadyWritten(AppendResult(firstVersion: version, lastVersion: last.version,
                                                firstPosition: first.position, lastPosition: last.position))
        }
        func search() throws(EventStoreError) -> AppendDecision? {
            guard current >= 0, let version = try lookups.newestVersion(ids[0], max(0, current + 1 - idempotencyWindow)) else { return nil }
            return try existing(from: version)
        }

        if let done = try expected.decide(stream: name, current: current, visible: visible, search: search, existing: existing) { return done }
        return .write(firstVersion: current + 1)
    }
}
