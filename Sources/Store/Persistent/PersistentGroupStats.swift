import Foundation

/// A snapshot of one persistent-subscription group, cheap to take and safe to keep.
public struct PersistentGroupStats: Sendable, Hashable, Codable {
    public var group: String
    /// The source, as a stream name (`Payments-1`, `$ce-Payments`, `$et-X`, `$all`).
    public var source: String
    public var strategy: ConsumerStrategy
    /// Messages handed to consumers since the group was opened (retries included).
    public var delivered: Int
    /// Delivered and neither acknowledged nor refused yet.
    public var inFlight: Int
    public var acked: Int
    /// Redeliveries after a timeout, `nack(.retry)` or a consumer leaving.
    public var retried: Int
    /// Messages parked since the group was opened.
    public var parkedTotal: Int
    /// Messages in the parked stream not yet replayed.
    public var parked: Int
    /// Messages waiting to be redelivered.
    public var waitingForRetry: Int
    /// The source position (see `PersistentStart.position`) delivery resumes from after a restart:
    /// everything before it is processed. Nil before the first checkpoint.
    public var lastCheckpoint: Int64?
    /// When the last checkpoint was written, by the store's clock.
    public var lastCheckpointTime: Date?
    /// Source events after the processed prefix: how far the group is behind the source's head.
    public var lag: Int64
    /// The last error writing a checkpoint or parking a message, if any.
    public var lastError: String?
    public var consumers: [PersistentConsumerStats]

    /// The name of the stream holding this group's parked messages.
    public var parkedStream: String { PersistentStreamNames.parked(source: source, group: group) }

    public init(group: String, source: String, strategy: ConsumerStrategy, delivered: Int, inFlight: Int, acked: Int,
                retried: Int, parkedTotal: Int, parked: Int, waitingForRetry: Int, lastCheckpoint: Int64?,
                lastCheckpointTime: Date?, lag: Int64, lastError: String?, consumers: [PersistentConsumerStats]) {
        self.group = group
        self.source = source
        self.strategy = strategy
        self.delivered = delivered
        self.inFlight = inFlight
        self.acked = acked
        self.retried = retried
        self.parkedTotal = parkedTotal
        self.parked = parked
        self.waitingForRetry = waitingForRetry
        self.lastCheckpoint = lastCheckpoint
        self.lastCheckpointTime = lastCheckpointTime
        self.lag = lag
        self.lastError = lastError
        self.consumers = consumers
    }
}

/// A snapshot of one consumer of a persistent-subscription group.
public struct PersistentConsumerStats: Sendable, Hashable, Codable {
    /// Unique within the process, in connection order.
    public var id: UInt64
    /// The name given at `connect`.
    public var name: String
    public var delivered: Int
    public var inFlight: Int
    public var acked: Int
    public var nacked: Int
    /// Messages of this consumer that timed out.
    public var timedOut: Int
    /// Most messages it may hold in flight.
    public var bufferSize: Int

    public init(id: UInt64, name: String, delivered: Int, inFlight: Int, acked: Int, nacked: Int, timedOut: Int, bufferSize: Int) {
        self.id = id
        self.name = name
        self.delivered = delivered
        self.inFlight = inFlight
        self.acked = acked
        self.nacked = nacked
        self.timedOut = timedOut
        self.bufferSize = bufferSize
    }
}
