/// What an appender believes about the stream's current version (EventStoreDB's semantics).
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// No check.
    case any
    /// The stream must not exist (or must have been soft-deleted).
    case noStream
    /// The stream must exist with at least one event.
    case streamExists
    /// The stream's last event must have exactly this version.
    case exact(Int64)

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no-stream"
        case .streamExists: "exists"
        case .exact(let version): String(version)
        }
    }

    /// Parses `any`, `no-stream`, `exists` or a version number.
    public init?(parsing text: String) {
        switch text {
        case "any": self = .any
        case "no-stream", "noStream": self = .noStream
        case "exists", "stream-exists", "streamExists": self = .streamExists
        default:
            guard let version = Int64(text), version >= 0 else { return nil }
            self = .exact(version)
        }
    }
}

/// Where in a stream a read starts.
public enum StreamPosition: Sendable, Hashable {
    case start
    case end
    case version(Int64)
}

/// Direction of a read.
public enum ReadDirection: Sendable, Hashable {
    case forward
    case backward
}

/// Whether an append waits for fdatasync before returning.
public enum Durability: Sendable, Hashable {
    /// Acknowledge only after the events are on disk (fdatasync). The default.
    case fsync
    /// Acknowledge once written to the OS; a power loss may lose them. For tests and benchmarks.
    case os
}
