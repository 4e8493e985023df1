import Foundation

/// An event as written to the store: identity, type, and opaque data and metadata bytes.
///
/// `data` and `metadata` are usually UTF-8 JSON, but the store never parses them.
public struct EventData: Sendable, Hashable {
    public var id: UUID
    public var type: String
    public var data: Data
    public var metadata: Data
    /// What the appender already holds in memory for this event (say, the decoded value its
    /// `data` was encoded from). Never written, not part of equality; the file store hands it
    /// back on events read from its tail cache, so a reader in the same process right behind
    /// the append need not decode. Anything else (older events, another process) has none.
    public var attachment: (any AnyObject & Sendable)?
    /// The stream whose partition handles this event in a `.pinned` partitioned persistent
    /// group (`GroupPartition`), when not its own: an event about another stream's entity (a
    /// ledger posting or a scheme message about one payment) is then handled in the same
    /// process as that entity's own events, whose view of it is current, instead of wherever
    /// its stream's partition lives. Order is kept among the events pinned to one stream, not
    /// among the events of a stream pinned to different ones. Written only by a store that
    /// keeps partition keys (PostgreSQL's `stream_key`); not part of equality.
    public var pinnedTo: String?

    public init(id: UUID = UUID(), type: String, data: Data = Data(), metadata: Data = Data(),
                attachment: (any AnyObject & Sendable)? = nil, pinnedTo: String? = nil) {
        self.id = id
        self.type = type
        self.data = data
        self.metadata = metadata
        self.attachment = attachment
        self.pinnedTo = pinnedTo
    }

    public static func == (lhs: EventData, rhs: EventData) -> Bool {
        lhs.id == rhs.id && lhs.type == rhs.type && lhs.data == rhs.data && lhs.metadata == rhs.metadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(type)
        hasher.combine(data)
        hasher.combine(metadata)
    }
}
