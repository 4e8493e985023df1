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
        let reserved: Reserved
        do {
            reserved = try JSONDecoder().decode(Reserved.self, from: json)
        } catch let DecodingError.typeMismatch(_, context) where !context.codingPath.isEmpty {
            throw .invalidMetadata("\(context.codingPath[0].stringValue) must be a non-negative integer")
        } catch let DecodingError.valueNotFound(_, context) where !context.codingPath.isEmpty {
            throw .invalidMetadata("\(context.codingPath[0].stringValue) must be a non-negative integer")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw .invalidMetadata("\(context.codingPath[0].stringValue) must be a non-negative integer")
        } catch {
            throw .invalidMetadata("not a JSON object")
        }
        self.init(maxCount: reserved.maxCount, maxAge: reserved.maxAge, truncateBefore: reserved.truncateBefore)
    }

    /// The reserved keys as Codable reads them: each absent, or a non-negative integer.
    private struct Reserved: Decodable {
        var maxCount: Int64?
        var maxAge: Int64?
        var truncateBefore: Int64?

        enum CodingKeys: String, CodingKey {
            case maxCount = "$maxCount"
            case maxAge = "$maxAge"
            case truncateBefore = "$tb"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func count(_ key: CodingKeys) throws -> Int64? {
                guard container.contains(key) else { return nil }
                let value = try container.decode(Int64.self, forKey: key)
                guard value >= 0 else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "negative")
                }
                return value
            }
            maxCount = try count(.maxCount)
            maxAge = try count(.maxAge)
            truncateBefore = try count(.truncateBefore)
        }
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
