import Foundation

/// A change waiting for the group-commit writer, with the appender to resume.
struct WriteRequest {
    enum Kind {
        case append(stream: String, expected: ExpectedVersion, events: [EventData])
        case setMetadata(stream: String, metadata: StreamMetadata)
        case delete(stream: String, expected: ExpectedVersion)
        case tombstone(stream: String, expected: ExpectedVersion)
        /// Independent appends committed together, answered together.
        case batch([StreamAppend])
    }

    /// Who waits for the outcome. Unsafe (not checked) continuations: the writer resumes each
    /// request exactly once, and the checked variant costs an allocation and an atomic per append.
    enum Completion {
        case one(UnsafeContinuation<Result<AppendResult, EventStoreError>, Never>)
        case many(UnsafeContinuation<[Result<AppendResult, EventStoreError>], Never>)
    }

    /// What became of a request: one result, or one per append of a batch.
    enum Outcome {
        case one(Result<AppendResult, EventStoreError>)
        case many([Result<AppendResult, EventStoreError>])
    }

    var kind: Kind
    var completion: Completion

    /// Resumes the waiter with `outcome`, which has the request's shape.
    func finish(_ outcome: Outcome) {
        switch (completion, outcome) {
        case let (.one(continuation), .one(result)): continuation.resume(returning: result)
        case let (.many(continuation), .many(results)): continuation.resume(returning: results)
        case let (.one(continuation), .many(results)): continuation.resume(returning: results.first ?? .failure(.closed))
        case let (.many(continuation), .one(result)): continuation.resume(returning: [result])
        }
    }

    /// Resumes the waiter with `error` for every part of the request.
    func fail(_ error: EventStoreError) {
        switch (completion, kind) {
        case let (.one(continuation), _): continuation.resume(returning: .failure(error))
        case let (.many(continuation), .batch(appends)): continuation.resume(returning: appends.map { _ in .failure(error) })
        case let (.many(continuation), _): continuation.resume(returning: [.failure(error)])
        }
    }
}
