import Store

/// A test double's base: an `EventStore` that passes every call on to `base`, so a double
/// (a gate, a stopped writer) writes only the calls it changes.
///
/// Batch appends are not forwarded: they take `EventStore`'s default, which appends one by one
/// through the double's own `append(to:expected:events:)`; a double that wants them to bypass
/// it forwards `append(_:)` itself.
package protocol ForwardingEventStore: EventStore {
    /// The store every call goes to.
    var base: any EventStore { get }
}

extension ForwardingEventStore {
    package var headPosition: UInt64 { base.headPosition }
    package var writerFailure: String? { base.writerFailure }
    package var writerRetries: Bool { base.writerRetries }

    package func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try await base.append(to: stream, expected: expected, events: events)
    }

    package func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try await base.appendToSystemStream(stream, expected: expected, events: events)
    }

    package func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        try base.read(target, from: start, direction: direction, maxCount: maxCount)
    }

    package func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent { try base.event(stream: stream, version: version) }
    package func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent { try base.event(at: position) }
    package func streams(prefix: String?) -> [StreamInfo] { base.streams(prefix: prefix) }
    package func lastVersion(of stream: String) -> Int64? { base.lastVersion(of: stream) }
    package func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata { try base.metadata(of: stream) }
    package func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError) { try await base.setMetadata(metadata, of: stream) }
    package func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError) { try await base.delete(stream: stream, expected: expected) }
    package func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError) { try await base.tombstone(stream: stream, expected: expected) }
    package func waitForEvents(beyond position: UInt64) async { await base.waitForEvents(beyond: position) }
    package func close() async { await base.close() }
}
