extension EventStore {
    /// The event at `version` of `stream`, read through `read` (one event forward from it);
    /// both backends answer it this way.
    public func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent {
        guard let event = try read(.stream(stream), from: .version(version), direction: .forward, maxCount: 1).first,
              event.version == version else { throw .eventNotFound(stream: stream, version: version) }
        return event
    }
}
