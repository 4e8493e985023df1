import Foundation
import Store
@testable import Console

/// A `MemoryEventStore` that reports its writer stopped (as `FileEventStore` does after ENOSPC)
/// while still passing appends through: what `run` must notice is the report.
final class StoppedWriterStore: EventStore {
    let inner: MemoryEventStore
    let writerFailure: String?

    init(_ inner: MemoryEventStore, failure: String) {
        self.inner = inner
        writerFailure = failure
    }

    var headPosition: UInt64 { inner.headPosition }
    func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try await inner.append(to: stream, expected: expected, events: events)
    }
    func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try await inner.appendToSystemStream(stream, expected: expected, events: events)
    }
    func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        try inner.read(target, from: start, direction: direction, maxCount: maxCount)
    }
    func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent { try inner.event(stream: stream, version: version) }
    func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent { try inner.event(at: position) }
    func streams(prefix: String?) -> [StreamInfo] { inner.streams(prefix: prefix) }
    func lastVersion(of stream: String) -> Int64? { inner.lastVersion(of: stream) }
    func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata { try inner.metadata(of: stream) }
    func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError) { try await inner.setMetadata(metadata, of: stream) }
    func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError) { try await inner.delete(stream: stream, expected: expected) }
    func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError) { try await inner.tombstone(stream: stream, expected: expected) }
    func waitForEvents(beyond position: UInt64) async { await inner.waitForEvents(beyond: position) }
    func close() async { await inner.close() }
}
