import Foundation

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
///
/// A value, cheap to copy: what the store recorded sits in one shared immutable box (a copy
/// retains one reference, not one per string and buffer), and a setter copies the box first.
/// `link` lives beside the box, since reads through different indexes set it differently.
public struct RecordedEvent: Sendable, Hashable {
    /// What the store recorded, in one box.
    private struct Fields: Sendable, Hashable {
        var stream: String
        var version: Int64
        var position: UInt64
        var id: UUID
        var type: String
        var created: Date
        var data: Data
        var metadata: Data
    }

    private final class Box: Sendable {
        let fields: Fields
        let attachment: (any AnyObject & Sendable)?

        init(_ fields: Fields, attachment: (any AnyObject & Sendable)? = nil) {
            self.fields = fields
            self.attachment = attachment
        }
    }

    private var box: Box

    /// Set when the event was read through a system index.
    public var link: IndexEntry?

    public init(stream: String, version: Int64, position: UInt64, id: UUID, type: String,
                created: Date, data: Data, metadata: Data, link: IndexEntry? = nil,
                attachment: (any AnyObject & Sendable)? = nil) {
        box = Box(Fields(stream: stream, version: version, position: position, id: id, type: type,
                         created: created, data: data, metadata: metadata), attachment: attachment)
        self.link = link
    }

    /// The appender's `EventData.attachment`, on an event read from the file store's tail
    /// cache; nil otherwise, and after any of the event's fields is changed.
    public var attachment: (any AnyObject & Sendable)? { box.attachment }

    /// The stream the event was appended to (never a system index).
    public var stream: String {
        get { box.fields.stream }
        set { update { $0.stream = newValue } }
    }

    /// Its version within `stream`, from 0.
    public var version: Int64 {
        get { box.fields.version }
        set { update { $0.version = newValue } }
    }

    /// Its global position in `$all`, from 0, gap-free.
    public var position: UInt64 {
        get { box.fields.position }
        set { update { $0.position = newValue } }
    }

    public var id: UUID {
        get { box.fields.id }
        set { update { $0.id = newValue } }
    }

    public var type: String {
        get { box.fields.type }
        set { update { $0.type = newValue } }
    }

    /// When the store accepted it, from the store's injected clock.
    public var created: Date {
        get { box.fields.created }
        set { update { $0.created = newValue } }
    }

    /// The event's bytes. A read may hand out a slice of a buffer shared by the events it read,
    /// so index it from `startIndex` (or use `withUnsafeBytes`), never from 0.
    public var data: Data {
        get { box.fields.data }
        set { update { $0.data = newValue } }
    }

    /// The metadata bytes; like `data`, possibly a slice.
    public var metadata: Data {
        get { box.fields.metadata }
        set { update { $0.metadata = newValue } }
    }

    /// Replaces the box with a changed copy (others holding the old one keep it); the
    /// attachment, which described the old fields, is dropped.
    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
    }

    public static func == (lhs: RecordedEvent, rhs: RecordedEvent) -> Bool {
        lhs.link == rhs.link && (lhs.box === rhs.box || lhs.box.fields == rhs.box.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
        hasher.combine(link)
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
