/// The default for a store whose writer cannot stop (such as `MemoryEventStore`).
extension EventStore {
    public var writerFailure: String? { nil }
}
