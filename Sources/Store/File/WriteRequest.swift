import Foundation

/// A change waiting for the group-commit writer, with the appender to resume.
struct WriteRequest {
    enum Kind {
        case append(stream: String, expected: ExpectedVersion, events: [EventData])
        case setMetadata(stream: String, metadata: StreamMetadata)
        case delete(stream: String, expected: ExpectedVersion)
        case tombstone(stream: String, expected: ExpectedVersion)
    }

    var kind: Kind
    /// Unsafe (not checked): the writer resumes each request exactly once, and the checked
    /// variant costs an allocation and an atomic per append.
    var continuation: UnsafeContinuation<Result<AppendResult, EventStoreError>, Never>
}
