import Foundation
import Store

/// An in-memory log of recorded bank events, numbered as a store would number them.
///
/// Gap-free global positions from 0, versions per stream from 0, timestamps given by the
/// caller. For tests and benchmarks that need realistic histories without running the
/// processors; it is not a store (no expected versions, no durability, no indexes).
public struct RecordedEventLog {
    public private(set) var events: [RecordedEvent] = []
    private var versions: [String: Int64] = [:]
    private let encoder = JSONEncoder.bank

    public init() {}

    /// Appends `event` to `stream`, stored at `created`, with standard metadata.
    /// - Returns: the recorded event.
    @discardableResult
    public mutating func append<E: BankEventType>(_ event: E, to stream: BankStream, at created: Date, id: UUID,
                                                  correlationId: String? = nil, causationId: String? = nil) throws -> RecordedEvent {
        let data = try encoder.encode(event)
        let metadata = try encoder.encode(EventMetadata(correlationId: correlationId ?? id.uuidString.lowercased(),
                                                        causationId: causationId ?? id.uuidString.lowercased()))
        return append(RecordedEvent(stream: stream.name, version: 0, position: 0, id: id, type: E.eventType,
                                    created: created, data: data, metadata: metadata))
    }

    /// Appends an already encoded event, renumbering its version and position.
    @discardableResult
    public mutating func append(_ event: RecordedEvent) -> RecordedEvent {
        var event = event
        let version = versions[event.stream].map { $0 + 1 } ?? 0
        versions[event.stream] = version
        event.version = version
        event.position = UInt64(events.count)
        events.append(event)
        return event
    }

    /// The last version of `stream`, or nil.
    public func lastVersion(of stream: String) -> Int64? { versions[stream] }
}
