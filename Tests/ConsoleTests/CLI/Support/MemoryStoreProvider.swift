import Foundation
import Store
import Synchronization
@testable import Console

/// In-memory stores by directory, standing in for the durable store in command tests.
///
/// Closing a handle leaves the store open, so a later command sees what an earlier one wrote.
final class MemoryStoreProvider: StoreProvider {
    let clock: ManualClock
    private let stores = Mutex<[String: MemoryEventStore]>([:])
    /// When set, `verify` throws this corruption.
    let corruption = Mutex<EventStoreError?>(nil)
    /// When set, writable opens fail as if another process held the write lock.
    let locked = Mutex(false)
    /// When set, writable opens give a store whose writer reports it stopped for this reason.
    let writerFailure = Mutex<String?>(nil)
    /// Whether that store says it tries again by itself (a database out of reach).
    let writerRetries = Mutex(false)

    init(clock: ManualClock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))) {
        self.clock = clock
    }

    /// Directories that hold something other than a store.
    let foreign = Mutex<Set<String>>([])

    func inspect(_ directory: URL) -> StoreDirectory {
        if foreign.withLock({ $0.contains(directory.path) }) { return .notAStore(reason: "it holds 2 files and no store") }
        return stores.withLock { $0[directory.path] != nil } ? .store : .missing
    }

    /// The store of `directory`, created when missing.
    func store(at directory: URL) -> MemoryEventStore {
        stores.withLock { stores in
            if let store = stores[directory.path] { return store }
            let store = MemoryEventStore(clock: clock)
            stores[directory.path] = store
            return store
        }
    }

    func openForWriting(at directory: URL) async throws -> StoreHandle {
        if locked.withLock({ $0 }) { throw EventStoreError.locked(directory: directory.path, pid: 4242) }
        if let failure = writerFailure.withLock({ $0 }) {
            return StoreHandle(store: StoppedWriterStore(store(at: directory), failure: failure, retries: writerRetries.withLock { $0 }), close: {})
        }
        return StoreHandle(store: store(at: directory), close: {})
    }

    func openReadOnly(at directory: URL) async throws -> StoreHandle {
        StoreHandle(store: store(at: directory), close: {})
    }

    func verify(at directory: URL) async throws -> VerificationSummary {
        if let error = corruption.withLock({ $0 }) { throw error }
        return VerificationSummary(lines: ["memory store"], events: store(at: directory).headPosition)
    }
}
