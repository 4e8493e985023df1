/// Rules and helpers for stream names and event types, shared by every backend.
public enum StreamNames {
    /// Longest stream name or event type accepted, in UTF-8 bytes.
    public static let maxLength = 200
    /// The global log.
    public static let all = "$all"
    /// The index of every stream's first event.
    public static let streams = "$streams"

    /// The category of a stream: the part before its first `-`, or nil when it has none.
    public static func category(of stream: String) -> String? {
        guard let dash = stream.firstIndex(of: "-"), dash != stream.startIndex else { return nil }
        return String(stream[..<dash])
    }

    /// Name of the metadata stream of `stream` (EventStoreDB's `$$stream`).
    public static func metadataStream(of stream: String) -> String { "$$" + stream }

    /// Checks a name a user (not the store) appends to.
    public static func validateUserStream(_ name: String) throws(EventStoreError) {
        try validateText(name, isType: false)
        if name.hasPrefix("$") {
            throw .invalidStreamName(name, reason: "names starting with $ are reserved for the store")
        }
    }

    /// Checks the name of one of the store's own streams: it must start with a single `$`, or
    /// be the metadata stream (`$$$…`) of such a stream. A user stream's metadata (`$$name`)
    /// goes through `setMetadata` only.
    public static func validateSystemStream(_ name: String) throws(EventStoreError) {
        try validateText(name, isType: false)
        let isSystemMetadata = name.hasPrefix("$$$")
        if !name.hasPrefix("$") || (name.hasPrefix("$$") && !isSystemMetadata) {
            throw .invalidStreamName(name, reason: "system streams start with a single $")
        }
    }

    /// Checks an event type.
    public static func validateEventType(_ type: String) throws(EventStoreError) {
        try validateText(type, isType: true)
    }

    private static func validateText(_ text: String, isType: Bool) throws(EventStoreError) {
        func refuse(_ reason: String) -> EventStoreError {
            isType ? .invalidEventType(text, reason: reason) : .invalidStreamName(text, reason: reason)
        }
        if text.isEmpty { throw refuse("empty") }
        if text.utf8.count > maxLength { throw refuse("longer than \(maxLength) bytes") }
        // Printable ASCII (the common case) has no control characters; only other text needs
        // the slower Unicode lookup.
        let printableASCII = text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        if !printableASCII, text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw refuse("contains control characters")
        }
        if text.first == " " || text.last == " " { throw refuse("leading or trailing space") }
    }
}

/// What a read or subscription is over: a stream, a system index, or the whole log.
public enum ReadTarget: Sendable, Hashable, CustomStringConvertible {
    case stream(String)
    /// `$ce-{category}`
    case category(String)
    /// `$et-{type}`
    case eventType(String)
    /// `$streams`: the first event of every stream, in creation order.
    case streams
    /// `$all`
    case all

    /// Parses `$all`, `$streams`, `$ce-X`, `$et-X`, or a plain stream name.
    public init(_ name: String) {
        if name == StreamNames.all {
            self = .all
        } else if name == StreamNames.streams {
            self = .streams
        } else if name.hasPrefix("$ce-"), name.count > 4 {
            self = .category(String(name.dropFirst(4)))
        } else if name.hasPrefix("$et-"), name.count > 4 {
            self = .eventType(String(name.dropFirst(4)))
        } else {
            self = .stream(name)
        }
    }

    public var description: String {
        switch self {
        case .stream(let name): name
        case .category(let category): "$ce-" + category
        case .eventType(let type): "$et-" + type
        case .streams: StreamNames.streams
        case .all: StreamNames.all
        }
    }
}
