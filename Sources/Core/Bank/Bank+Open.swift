import Foundation
import Store

extension Bank {
    /// Opens the bank in a data directory: a durable `FileEventStore` (created and seeded when
    /// new). The bank owns the store: `close()` closes it.
    ///
    /// Another process holding the directory gets `BankError.store(.locked(directory:pid:))`.
    /// - Parameters:
    ///   - durability: `.fsync` (default) acknowledges appends once on disk; `.os` is for
    ///     benchmarks and tests and says so.
    public static func open(directory: URL, clock: any StoreClock = SystemClock(), durability: Durability = .fsync,
                            configuration: BankConfiguration = BankConfiguration()) async throws(BankError) -> Bank {
        let store: FileEventStore
        do {
            store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: durability, clock: clock))
        } catch {
            throw .store(error)
        }
        do {
            return try await Bank(store: store, clock: clock, configuration: configuration, ownsStore: true)
        } catch {
            await store.close()
            throw error
        }
    }
}
