import Foundation
import Store

/// Opens the event store that lives in a data directory.
///
/// The real provider opens the durable file store; tests provide in-memory stores. A command
/// closes what it opened with `StoreHandle.close()`.
protocol StoreProvider: Sendable {
    /// What `directory` holds: nothing, a store, or something that is not a store.
    func inspect(_ directory: URL) -> StoreDirectory

    /// Opens for appending, creating the directory when it is missing. Fails with
    /// `EventStoreError.locked` when another process writes it.
    func openForWriting(at directory: URL) async throws -> StoreHandle

    /// Opens without taking the write lock: works beside a running writer.
    func openReadOnly(at directory: URL) async throws -> StoreHandle

    /// Checks every record, the index and the checkpoints without opening for writing.
    /// Throws `CommandFailure.corrupt` naming file and offset when something is damaged.
    func verify(at directory: URL) async throws -> VerificationSummary

    /// Rebuilds the index from the log (taking the write lock) and returns how many events it
    /// covers. Only a data directory keeps index files of its own.
    func rebuildIndex(at directory: URL) async throws -> UInt64
}

extension StoreProvider {
    func rebuildIndex(at directory: URL) async throws -> UInt64 {
        throw CommandFailure.refused("reindex rebuilds a data directory's index; this store keeps its indexes itself")
    }

    /// Whether `directory` already holds a store.
    func storeExists(at directory: URL) -> Bool { inspect(directory) == .store }
}

/// An open store and how to let go of it.
struct StoreHandle: Sendable {
    var store: any EventStore
    var close: @Sendable () async -> Void
}

/// What `verify` found in a healthy store.
struct VerificationSummary: Sendable, Equatable {
    /// One line per thing checked, e.g. `log: 2 segments, 12000 records ...`.
    var lines: [String]
    var events: UInt64
}
