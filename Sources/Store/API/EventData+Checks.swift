extension EventData {
    /// What every backend checks of an event it is asked to append: its type is a valid event
    /// type name, and its type, data and metadata together take at most `maxEventSize` bytes.
    package func check(maxEventSize: Int) throws(EventStoreError) {
        try StreamNames.validateEventType(type)
        let size = type.utf8.count + data.count + metadata.count
        if size > maxEventSize { throw .eventTooLarge(size: size, limit: maxEventSize) }
    }
}
