/// One append of a batch given to `EventStore.append(_:)`: a stream, the version it must be at,
/// and the events to add to it.
public struct StreamAppend: Sendable, Hashable {
    public var stream: String
    public var expected: ExpectedVersion
    public var events: [EventData]

    public init(stream: String, expected: ExpectedVersion, events: [EventData]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }
}
