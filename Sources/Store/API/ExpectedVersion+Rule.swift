extension ExpectedVersion {
    /// The one rule every backend applies to an append: write after `current`, return the same
    /// events already written (an idempotent retry), or refuse with the actual version.
    /// - Parameters:
    ///   - current: the stream's last version (-1 when it has none).
    ///   - visible: the last version a reader sees (nil when the stream is absent or soft-deleted).
    ///   - search: finds the batch among the stream's recent events (for `any`/`streamExists`).
    ///   - existing: compares the batch with the events from a version on.
    /// - Returns: the earlier result of a retry, or nil to write at `current + 1`.
    package func decide<Done>(stream name: String, current: Int64, visible: Int64?,
                              search: () throws(EventStoreError) -> Done?,
                              existing: (Int64) throws(EventStoreError) -> Done?) throws(EventStoreError) -> Done? {
        switch self {
        case .any:
            return try search()
        case .streamExists:
            if let done = try search() { return done }
            guard visible != nil else { throw .wrongExpectedVersion(stream: name, expected: self, actual: nil) }
            return nil
        case .noStream:
            if visible == nil { return nil }
            if let done = try existing(0) { return done }
            throw .wrongExpectedVersion(stream: name, expected: self, actual: visible)
        case .exact(let version):
            if version == current { return nil }
            if version < current, let done = try existing(version + 1) { return done }
            throw .wrongExpectedVersion(stream: name, expected: self, actual: visible)
        }
    }
}
