import Foundation

/// How a persistent-subscription group hands events to its consumers (EventStoreDB's strategies).
public enum ConsumerStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Each event goes to the next consumer in turn that has room. The default.
    case roundRobin
    /// Every event goes to the first-connected consumer with room; the next one only gets
    /// events while the first is full.
    case dispatchToSingle
    /// Events of one source stream all go to the same consumer while it stays connected.
    case pinned
}

/// Where a new persistent-subscription group starts reading its source.
public enum PersistentStart: Sendable, Hashable, Codable {
    /// From the first event of the source.
    case beginning
    /// From the first event appended after the group is created.
    case end
    /// From this stream version (for `$all`, this global position; for `$ce-`/`$et-`/`$streams`,
    /// this entry number of the index), inclusive.
    case position(Int64)
}

/// The settings of a persistent-subscription group. Defaults are EventStoreDB's.
public struct PersistentSubscriptionSettings: Sendable, Hashable, Codable {
    /// Where a new group starts. Ignored once the group has a checkpoint.
    public var startFrom: PersistentStart
    public var strategy: ConsumerStrategy
    /// Seconds a delivered message may stay unacknowledged before it is retried.
    public var messageTimeout: TimeInterval
    /// Retries (after a timeout or a `nack(.retry)`) before a message is parked.
    public var maxRetryCount: Int
    /// Seconds after which a checkpoint is written if at least `checkpointLowerBound` messages
    /// were processed since the last one.
    public var checkpointAfter: TimeInterval
    /// Fewest processed messages worth a time-based checkpoint.
    public var checkpointLowerBound: Int
    /// Processed messages after which a checkpoint is written at once.
    public var checkpointUpperBound: Int
    /// Events read from the source per read.
    public var readBatchSize: Int
    /// Most consumers at once; 0 means no limit.
    public var maxSubscriberCount: Int
    /// The one partition of the source this group delivers, when the group is split across
    /// processes (see `GroupPartition`); nil delivers every event.
    public var partition: GroupPartition?

    public init(startFrom: PersistentStart = .end, strategy: ConsumerStrategy = .roundRobin,
                messageTimeout: TimeInterval = 30, maxRetryCount: Int = 10,
                checkpointAfter: TimeInterval = 2, checkpointLowerBound: Int = 10, checkpointUpperBound: Int = 1_000,
                readBatchSize: Int = 20, maxSubscriberCount: Int = 0, partition: GroupPartition? = nil) {
        self.startFrom = startFrom
        self.strategy = strategy
        self.messageTimeout = messageTimeout
        self.maxRetryCount = maxRetryCount
        self.checkpointAfter = checkpointAfter
        self.checkpointLowerBound = checkpointLowerBound
        self.checkpointUpperBound = checkpointUpperBound
        self.readBatchSize = readBatchSize
        self.maxSubscriberCount = maxSubscriberCount
        self.partition = partition
    }

    /// Refuses settings that cannot work (a clear reason, nothing created).
    func validate() throws(EventStoreError) {
        if !(messageTimeout > 0) { throw .invalidSettings("messageTimeout must be positive") }
        if maxRetryCount < 0 { throw .invalidSettings("maxRetryCount must not be negative") }
        if !(checkpointAfter >= 0) { throw .invalidSettings("checkpointAfter must not be negative") }
        if checkpointLowerBound < 1 { throw .invalidSettings("checkpointLowerBound must be at least 1") }
        if checkpointUpperBound < checkpointLowerBound {
            throw .invalidSettings("checkpointUpperBound must be at least checkpointLowerBound")
        }
        if readBatchSize < 1 { throw .invalidSettings("readBatchSize must be at least 1") }
        if maxSubscriberCount < 0 { throw .invalidSettings("maxSubscriberCount must not be negative") }
        try partition?.validate()
        if case .position(let position) = startFrom, position < 0 {
            throw .invalidSettings("a start position must not be negative")
        }
    }
}
