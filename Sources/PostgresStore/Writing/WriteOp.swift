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

/// Appends queued together, answered together once their transaction committed (or failed).
struct WriteBatch: Sendable {
    var ops: [WriteOp]
    var resume: @Sendable ([Result<AppendResult, EventStoreError>]) -> Void
}

/// The writer thread's inbox: appenders add batches; the writer takes all that are waiting.
///
/// Thread-safe. `take` blocks the writer thread (never a task) until there is work or the
/// queue is closed.
final class WriteQueue: Sendable {
    private struct State {
        var waiting: [WriteBatch] = []
        var closed = false
    }
    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)

    /// Adds a batch; false when the queue is closed (the caller answers `.closed`).
    func add(_ batch: WriteBatch) -> Bool {
        let added = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.waiting.append(batch)
            return true
        }
        if added { signal.signal() }
        return added
    }

    /// Every waiting batch, blocking until there is one; nil once closed and drained.
    func take() -> [WriteBatch]? {
        while true {
            let (batches, closed) = state.withLock { state in
                defer { state.waiting.removeAll() }
                return (state.waiting, state.closed)
            }
            if !batches.isEmpty { return batches }
            if closed { return nil }
            signal.wait()
        }
    }

    /// Refuses new batches and lets the writer finish what is queued; false when it already was.
    func close() -> Bool {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        signal.signal()
        return first
    }

    var isClosed: Bool { state.withLock { $0.closed } }
}

import Synchronization
