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

    public init(id: UUID = UUID(), type: String, data: Data = Data(), metadata: Data = Data(),
                attachment: (any AnyObject & Sendable)? = nil) {
        self.id = id
        self.type = type
        self.data = data
        self.metadata = metadata
        self.attachment = attachment
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
