import Synchronization

/// One past the highest position any store of this process has read, been told is the head,
/// or written, on one schema of one database: shared by every `PostgresEventStore` the process
/// opens on it, so that what one of them has seen (its own append, say) is seen by the others
/// when they ask `lastVersion` (`StreamVersions` answers only when its notifications cover it).
/// Thread-safe.
final class ObservedHead: Sendable {
    private let value = Atomic<UInt64>(0)

    private static let registry = Mutex<[String: ObservedHead]>([:])

    /// The head shared by the stores of this process on `schema` of the database `conninfo` names.
    static func shared(conninfo: String, schema: String) -> ObservedHead {
        registry.withLock { registry in
            let key = schema + " " + conninfo
            if let head = registry[key] { return head }
            let head = ObservedHead()
            registry[key] = head
            return head
        }
    }

    var position: UInt64 { value.load(ordering: .acquiring) }

    /// Raises it to `position` if lower.
    func raise(to position: UInt64) {
        value.max(position)
    }
}
