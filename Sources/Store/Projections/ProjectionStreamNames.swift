/// Names of the streams projections keep their progress in (EventStoreDB's names).
public enum ProjectionStreamNames {
    /// States (and checkpoints) kept readable per stream; only the newest is ever read back.
    static let statesKept: Int64 = 16

    /// `$projections-{name}-checkpoint`: the position all stored partition states are valid at.
    public static func checkpoint(_ name: String) -> String { "$projections-\(name)-checkpoint" }

    /// `$projections-{name}-result` for the unnamed partition, else `$projections-{name}-{partition}-result`.
    public static func result(_ name: String, partition: String) -> String {
        partition.isEmpty ? "$projections-\(name)-result" : "$projections-\(name)-\(partition)-result"
    }

    static func prefix(_ name: String) -> String { "$projections-\(name)-" }

    /// Refuses a projection name that is empty or would not make valid stream names.
    static func validate(projection name: String) throws(EventStoreError) {
        if name.isEmpty { throw .invalidSettings("a projection needs a name") }
        do {
            try StreamNames.validateSystemStream(checkpoint(name))
        } catch {
            throw .invalidSettings("projection name \(name): \(error)")
        }
    }
    static let checkpointType = "$ProjectionCheckpoint"
    static let stateType = "$ProjectionState"
}

/// What a checkpoint event holds.
struct ProjectionCheckpoint: Codable, Hashable {
    /// Incremented by every reset: states of other generations are ignored.
    var generation: Int64
    /// The next source position to read.
    var next: Int64
    /// Set when the projection faulted: it stays faulted, in every process that opens the store,
    /// until a reset (which writes a checkpoint without it).
    var fault: ProjectionFault? = nil
}

/// What a partition's result event holds: its state as of source position `next`.
struct PartitionRecord<State: Codable>: Codable {
    var projection: String
    var partition: String
    var generation: Int64
    var next: Int64
    var state: State
}
