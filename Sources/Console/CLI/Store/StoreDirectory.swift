/// What a data directory holds, before a command opens it.
enum StoreDirectory: Sendable, Equatable {
    /// Nothing there yet: a write command creates (and seeds) a store.
    case missing
    /// An empty directory: used like a missing one.
    case empty
    /// A store's files.
    case store
    /// Something else (files that are not a store's, or a file instead of a directory): never
    /// written into.
    case notAStore(reason: String)
}
