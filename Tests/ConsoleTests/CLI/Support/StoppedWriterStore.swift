import Foundation
import Store
import StoreTestSupport
@testable import Console

/// A `MemoryEventStore` that reports its writer stopped (as `FileEventStore` does after ENOSPC)
/// while still passing appends through: what `run` must notice is the report.
final class StoppedWriterStore: ForwardingEventStore {
    let base: any EventStore
    let writerFailure: String?
    let writerRetries: Bool

    /// - Parameter retries: whether it says it tries again by itself (a database out of reach).
    init(_ inner: MemoryEventStore, failure: String, retries: Bool = false) {
        base = inner
        writerFailure = failure
        writerRetries = retries
    }
}
