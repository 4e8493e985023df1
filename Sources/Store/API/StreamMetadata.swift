import Foundation

/// Stream metadata with EventStoreDB's reserved keys; other keys are kept as given.
///
/// Events outside `$maxCount` / `$maxAge` / `$tb` are invisible to stream reads but stay in
/// `$all` (there is no scavenge).
public struct StreamMetadata: Sendable, Hashable {
    /// `$maxCount`: keep only the newest N events visible.
    public var maxCount: Int64?
    /// `$maxAge` in seconds: events older than this are invisible.
    public var maxAge: Int64?
    /// `$tb`: events before this version are invisible (soft delete sets it).
    public var truncateBefore: Int64?

    public init(maxCount: Int64? = nil, maxAge: Int64? = nil, truncateBefore: Int64? = nil) {
        self.maxCount = maxCount
        self.maxAge = maxAge
        self.truncateBefore = truncateBefore
    }

    /// JSON as EventStoreDB writes it: `{"$maxCount":N,"$maxAge":S,"$tb":V}`.
    public var json: Data {
        var parts: [String] = []
        if let maxCount { parts.append("\"$maxCount\":\(maxCount)") }
        if let maxAge { parts.append("\"$maxAge\":\(maxAge)") }
        if let truncateBefore { parts.append("\"$tb\":\(truncateBefore)") }
        return Data(("{" + parts.joined(separator: ",") + "}").utf8)
    }

    /// Parses the JSON form; unknown keys are ignored, a malformed value is an error.
    public init(json: Data) throws(EventStoreError) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
            throw .invalidMetadata("not a JSON object")
        }
        func number(_ key: String) throws(EventStoreError) -> Int64? {
            guard let value = object[key] else { return nil }
            guard let number = value as? NSNumber, let int = Int64(exactly: number.doubleValue), int >= 0 else {
                throw .invalidMetadata("\(key) must be a non-negative integer")
            }
            return int
        }
        self.init(maxCount: try number("$maxCount"), maxAge: try number("$maxAge"), truncateBefore: try number("$tb"))
    }
}

/// What the store knows of one stream, as listed by `streams(prefix:)`.
public struct StreamInfo: Sendable, Hashable {
    public var name: String
    /// Version of the last event (-1 if none are left after deletion).
    public var lastVersion: Int64
    public var lastPosition: UInt64
    public var isDeleted: Bool

    public init(name: String, lastVersion: Int64, lastPosition: UInt64, isDeleted: Bool) {
        self.name = name
        self.lastVersion = lastVersion
        self.lastPosition = lastPosition
        self.isDeleted = isDeleted
    }
}
