import Foundation

/// An event as written to the store: identity, type, and opaque data and metadata bytes.
///
/// `data` and `metadata` are usually UTF-8 JSON, but the store never parses them.
public struct EventData: Sendable, Hashable {
    public var id: UUID
    public var type: String
    public var data: Data
    public var metadata: Data

    public init(id: UUID = UUID(), type: String, data: Data = Data(), metadata: Data = Data()) {
        self.id = id
        self.type = type
        self.data = data
        self.metadata = metadata
    }
}

/// Where an entry of a system index (`$ce-X`, `$et-X`, `$streams`) sits in that index.
///
/// The event it accompanies is always the original event, so `stream`/`version`/`position`
/// of the `RecordedEvent` point back to it; this says where it was found.
public struct IndexEntry: Sendable, Hashable {
    /// The index stream, e.g. `$ce-Payments`.
    public var stream: String
    /// The entry's number within that index, from 0.
    public var version: Int64

    public init(stream: String, version: Int64) {
        self.stream = stream
        self.version = version
    }
}

/// An event read back from the store: what was appended plus where and when it landed.
public struct RecordedEvent: Sendable, Hashable {
    /// The stream the event was appended to (never a system index).
    public var stream: String
    /// Its version within `stream`, from 0.
    public var version: Int64
    /// Its global position in `$all`, from 0, gap-free.
    public var position: UInt64
    public var id: UUID
    public var type: String
    /// When the store accepted it, from the store's injected clock.
    public var created: Date
    /// The event's bytes. A read may hand out a slice of a buffer shared by the events it read,
    /// so index it from `startIndex` (or use `withUnsafeBytes`), never from 0.
    public var data: Data
    /// The metadata bytes; like `data`, possibly a slice.
    public var metadata: Data
    /// Set when the event was read through a system index.
    public var link: IndexEntry?

    public init(stream: String, version: Int64, position: UInt64, id: UUID, type: String,
                created: Date, data: Data, metadata: Data, link: IndexEntry? = nil) {
        self.stream = stream
        self.version = version
        self.position = position
        self.id = id
        self.type = type
        self.created = created
        self.data = data
        self.metadata = metadata
        self.link = link
    }
}

/// The outcome of a successful append.
public struct AppendResult: Sendable, Hashable {
    /// Version of the first event written (or, for an idempotent retry, originally written).
    public var firstVersion: Int64
    /// Version of the last event; pass it as `.exact` to append next.
    public var lastVersion: Int64
    public var firstPosition: UInt64
    public var lastPosition: UInt64

    public init(firstVersion: Int64, lastVersion: Int64, firstPosition: UInt64, lastPosition: UInt64) {
        self.firstVersion = firstVersion
        self.lastVersion = lastVersion
        self.firstPosition = firstPosition
        self.lastPosition = lastPosition
    }
}
