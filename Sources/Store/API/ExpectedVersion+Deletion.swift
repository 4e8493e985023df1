extension ExpectedVersion {
    /// The last version of `stream` a truncate or tombstone deletes up to, given the stream's
    /// `last` version and whether it is already tombstoned: the checks both backends make.
    /// - Throws: `streamDeleted`, `wrongExpectedVersion` when `self` does not hold, and
    ///   `streamNotFound` when there is nothing to delete.
    public func lastVersionForDeletion(of stream: String, last: Int64?, tombstoned: Bool) throws(EventStoreError) -> Int64 {
        if tombstoned { throw .streamDeleted(stream) }
        switch self {
        case .any: break
        case .noStream: if last != nil { throw .wrongExpectedVersion(stream: stream, expected: self, actual: last) }
        case .streamExists: if last == nil { throw .wrongExpectedVersion(stream: stream, expected: self, actual: nil) }
        case .exact(let version): if last != version { throw .wrongExpectedVersion(stream: stream, expected: self, actual: last) }
        }
        guard let last else { throw .streamNotFound(stream) }
        return last
    }
}
