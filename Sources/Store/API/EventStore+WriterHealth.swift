/// The defaults for a store whose writer cannot stop (such as `MemoryEventStore`) and whose
/// head is not known to be local.
extension EventStore {
    public var writerFailure: String? { nil }
    public var writerRetries: Bool { false }
    public var headIsLocal: Bool { false }
}
