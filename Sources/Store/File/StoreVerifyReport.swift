/// What `FileEventStore.verify` found: one entry per problem, naming file and offset.
public struct StoreVerifyReport: Sendable, Equatable {
    /// Something wrong on disk.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// File name within the store directory.
        public var file: String
        /// Byte offset in `file` where the damage starts.
        public var offset: UInt64
        /// What is wrong, for a person.
        public var reason: String

        /// A problem at `offset` of `file`.
        public init(file: String, offset: UInt64, reason: String) {
            self.file = file
            self.offset = offset
            self.reason = reason
        }

        /// `file at offset N: reason`.
        public var description: String { "\(file) at offset \(offset): \(reason)" }
    }

    /// Records whose CRC, framing and position were checked.
    public var events: UInt64 = 0
    /// Segment files found.
    public var segments = 0
    /// Events the checkpoint says are durable.
    public var checkpointPosition: UInt64?
    /// Events the index snapshot covers (nil when there is none).
    public var snapshotPosition: UInt64?
    /// Where an unfinished last write ends the log, after the durable tail: a writer in
    /// progress, or a crash the next writable open repairs. Not a problem.
    public var tornTail: Problem?
    /// Everything found wrong, in file order; empty for a healthy store.
    public var problems: [Problem] = []

    /// True when nothing is wrong.
    public var isHealthy: Bool { problems.isEmpty }

    /// An empty report.
    public init() {}
}
