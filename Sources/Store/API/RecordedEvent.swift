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
/// A value, cheap to copy: what the store recorded is one shared immutable object, so a copy
/// retains one reference, not one per string and buffer. An event the file store reads from its
/// log refers to the checked bytes of its record in a block that the events of its run share
/// (`RecordBlock`), and makes a field only when it is asked for (`data` and `metadata` are then
/// slices of the block; a long name was made once for the block). Any other event, and one whose
/// field is set, holds its fields in a box of its own. `link` lives beside either, since reads
/// through different indexes set it differently.
public struct RecordedEvent: Sendable, Hashable {
    /// What the store recorded, as fields.
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

    /// An event's fields in a box of its own.
    private final class Box: EventStorage {
        let fields: Fields
        let attachment: (any AnyObject & Sendable)?

        init(_ fields: Fields, attachment: (any AnyObject & Sendable)? = nil) {
            self.fields = fields
            self.attachment = attachment
        }

        func stream(_ place: RecordBlock.Place) -> String { fields.stream }
        func version(_ place: RecordBlock.Place) -> Int64 { fields.version }
        func position(_ place: RecordBlock.Place) -> UInt64 { fields.position }
        func id(_ place: RecordBlock.Place) -> UUID { fields.id }
        func type(_ place: RecordBlock.Place) -> String { fields.type }
        func created(_ place: RecordBlock.Place) -> Date { fields.created }
        func data(_ place: RecordBlock.Place) -> Data { fields.data }
        func metadata(_ place: RecordBlock.Place) -> Data { fields.metadata }
    }

    private var storage: any EventStorage
    /// Where the record is in `storage` when that is a block; `boxed` for a box, which ignores it.
    private var place: RecordBlock.Place
    private static let boxed = RecordBlock.Place(offset: 0, streamSlot: RecordBlock.Place.none, typeSlot: RecordBlock.Place.none)

    /// Set when the event was read through a system index.
    public var link: IndexEntry?

    /// The partition key a `.pinned` partitioned group takes this event's partition from, when
    /// the store read it with the event (`GroupPartition.key(stream:)` of its stream, or of the
    /// stream it was pinned to, `EventData.pinnedTo`); nil: the key of its own stream. Not part
    /// of equality.
    public var partitionKey: Int64?

    public init(stream: String, version: Int64, position: UInt64, id: UUID, type: String,
                created: Date, data: Data, metadata: Data, link: IndexEntry? = nil,
                attachment: (any AnyObject & Sendable)? = nil) {
        storage = Box(Fields(stream: stream, version: version, position: position, id: id, type: type,
                             created: created, data: data, metadata: metadata), attachment: attachment)
        place = Self.boxed
        self.link = link
    }

    /// The event whose checked record sits at `place` of `block`.
    init(_ block: RecordBlock, _ place: RecordBlock.Place, link: IndexEntry?) {
        storage = block
        self.place = place
        self.link = link
    }

    /// The appender's `EventData.attachment`, on an event read from the file store's tail
    /// cache; nil otherwise, and after any of the event's fields is changed.
    public var attachment: (any AnyObject & Sendable)? { storage.attachment }

    /// The stream the event was appended to (never a system index).
    public var stream: String {
        get { storage.stream(place) }
        set { update { $0.stream = newValue } }
    }

    /// Its version within `stream`, from 0.
    public var version: Int64 {
        get { storage.version(place) }
        set { update { $0.version = newValue } }
    }

    /// Its global position in `$all`, from 0, gap-free.
    public var position: UInt64 {
        get { storage.position(place) }
        set { update { $0.position = newValue } }
    }

    public var id: UUID {
        get { storage.id(place) }
        set { update { $0.id = newValue } }
    }

    public var type: String {
        get { storage.type(place) }
        set { update { $0.type = newValue } }
    }

    /// When the store accepted it, from the store's injected clock.
    public var created: Date {
        get { storage.created(place) }
        set { update { $0.created = newValue } }
    }

    /// The event's bytes. A read may hand out a slice of a buffer shared by the events it read,
    /// so index it from `startIndex` (or use `withUnsafeBytes`), never from 0.
    public var data: Data {
        get { storage.data(place) }
        set { update { $0.data = newValue } }
    }

    /// The metadata bytes; like `data`, possibly a slice.
    public var metadata: Data {
        get { storage.metadata(place) }
        set { update { $0.metadata = newValue } }
    }

    /// Every field, made from the record when the event refers to one.
    private var fields: Fields {
        Fields(stream: stream, version: version, position: position, id: id, type: type, created: created,
               data: data, metadata: metadata)
    }

    /// Replaces the storage with a box of changed fields (others holding the old storage keep
    /// it); the attachment, which described the old fields, is dropped.
    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = self.fields
        change(&fields)
        storage = Box(fields)
        place = Self.boxed
    }

    public static func == (lhs: RecordedEvent, rhs: RecordedEvent) -> Bool {
        guard lhs.link == rhs.link else { return false }
        if lhs.storage === rhs.storage && lhs.place == rhs.place { return true }
        return lhs.fields == rhs.fields
    }

    /// Hashes the fields, whichever storage holds them, so equal events hash alike.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
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
