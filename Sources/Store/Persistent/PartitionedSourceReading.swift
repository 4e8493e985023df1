import Foundation

/// What a persistent group's read of its source returns: the events to deliver, and how far
/// the read looked.
public struct SourcePage: Sendable {
    /// The source's events from the cursor on, in order (only the group's partition, or more:
    /// the group still checks each against its partition).
    public var events: [RecordedEvent]
    /// The source cursor just past every entry the read looked at, when it looked beyond the
    /// last event returned (entries of other partitions it left out); nil when it did not.
    public var scannedTo: Int64?

    public init(events: [RecordedEvent], scannedTo: Int64? = nil) {
        self.events = events
        self.scannedTo = scannedTo
    }
}

/// A store that reads a persistent group's source on its side of the connection: only the
/// group's partition (a shared database filters by `GroupPartition.key`, so a process is sent
/// only its share), and no read at all when it knows nothing was appended past the cursor.
///
/// Only persistent groups use it, and only as a shortcut: a store without it, or a nil answer,
/// and the group reads the source with `read` and filters the partition itself.
public protocol PartitionedSourceReading: EventStore {
    /// Up to `maxCount` events of `source` from `cursor` forward that `partition` holds under
    /// `strategy` (every event when `partition` is nil), or nil when this store has no faster
    /// way to read this source than `read`.
    func readSource(_ source: ReadTarget, from cursor: Int64, maxCount: Int, partition: GroupPartition?,
                    strategy: ConsumerStrategy) throws(EventStoreError) -> SourcePage?
}
