import Foundation

/// Whether a projection is processing events.
public enum ProjectionRunState: String, Sendable, Hashable, Codable {
    case running
    case stopped
    /// Its handler threw (or its state could not be stored); see `ProjectionStatus.fault`.
    case faulted
    /// Another process sharing the store runs it (it holds its lease); the position is that of
    /// its last stored checkpoint.
    case elsewhere
}

/// Why a projection stopped: the error and the event it was handling.
public struct ProjectionFault: Sendable, Hashable, Codable {
    public var message: String
    /// The offending event's place (nil when the fault is not about one event).
    public var stream: String?
    public var version: Int64?
    public var position: UInt64?

    public init(message: String, stream: String? = nil, version: Int64? = nil, position: UInt64? = nil) {
        self.message = message
        self.stream = stream
        self.version = version
        self.position = position
    }
}

/// A snapshot of one projection's progress, cheap to take.
public struct ProjectionStatus: Sendable, Hashable {
    public var name: String
    /// The source as text: a stream, `$ce-X`, `$et-{A,B}` or `$all`.
    public var source: String
    public var runState: ProjectionRunState
    public var fault: ProjectionFault?
    /// The source position it will read next (stream version, `$ce-` entry, or `$all` position).
    public var position: Int64
    /// Source events after `position`.
    public var lag: Int64
    /// Events applied since it was registered (or last reset).
    public var eventsProcessed: Int
    public var partitions: Int
    /// The position of the last durable checkpoint; nil before the first.
    public var checkpoint: Int64?
    /// The last error writing a checkpoint, if any.
    public var lastError: String?

    public init(name: String, source: String, runState: ProjectionRunState, fault: ProjectionFault?, position: Int64,
                lag: Int64, eventsProcessed: Int, partitions: Int, checkpoint: Int64?, lastError: String?) {
        self.name = name
        self.source = source
        self.runState = runState
        self.fault = fault
        self.position = position
        self.lag = lag
        self.eventsProcessed = eventsProcessed
        self.partitions = partitions
        self.checkpoint = checkpoint
        self.lastError = lastError
    }
}
