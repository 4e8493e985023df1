import Foundation
import Store

/// One write the committer carries out inside a batch's transaction, already validated.
enum WriteOp: Sendable {
    /// Events to a user or system stream, checked against `expected`.
    case append(stream: String, expected: ExpectedVersion, events: [EventData])
    /// New metadata for a user stream (an event in `$$stream`).
    case setMetadata(stream: String, metadata: StreamMetadata)
    /// Soft delete: `$tb` past the stream's last event, if `expected` holds.
    case delete(stream: String, expected: ExpectedVersion)
    /// Hard delete, if `expected` holds.
    case tombstone(stream: String, expected: ExpectedVersion)
}

/// Appends queued together, answered together once their transaction committed and is durable
/// (or failed).
struct WriteBatch: Sendable {
    var ops: [WriteOp]
    var resume: @Sendable ([Result<AppendResult, EventStoreError>]) -> Void
}
