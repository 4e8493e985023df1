import Foundation

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

extension StoreDirectory {
    /// The refusal for a directory that is not a store: what it holds and what to do instead.
    static func notAStoreMessage(_ directory: URL, reason: String) -> String {
        "\(DisplayText.cut(directory.path)) is not a bank store: \(reason); give --store an empty or new directory, or a store's"
    }
}
