import Foundation
import Store

extension Bank {
    /// Opens the bank in a data directory: a durable `FileEventStore` (created and seeded when
    /// new). The bank owns the store: `close()` closes it.
    ///
    /// The bank-wide read models are saved in `read-models/` inside the directory and resumed
    /// from there (`readModelsDirectory(in:)`).
    ///
    /// Another process holding the directory gets `BankError.store(.locked(directory:pid:))`.
    /// - Parameters:
    ///   - durability: `.fsync` (default) acknowledges appends once on disk; `.os` is for
    ///     benchmarks and tests and says so.
    ///   - sealsPersonalData: seal personal data with the keys in `keys/` (`Core/Privacy`); false
    ///     only for a benchmark's plain baseline.
    public static func open(directory: URL, clock: any StoreClock = SystemClock(), durability: Durability = .fsync,
                            configuration: BankConfiguration = BankConfiguration(),
                            sealsPersonalData: Bool = true) async throws(BankError) -> Bank {
        let store: FileEventStore
        do {
            store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: durability, clock: clock))
        } catch {
            throw .store(error)
        }
        // Personal data is sealed with keys kept in `keys/` beside the log (`Core/Privacy`).
        let personalData = PersonalData(keys: FileCustomerKeyStore(directory: FileCustomerKeyStore.directory(in: directory),
                                                                  durable: durability == .fsync))
        if sealsPersonalData { PersonalDataKeyring.register(personalData, for: store) }
        var configuration = configuration
        if configuration.readModelState == nil {
            configuration.readModelState = FileReadModelStateStore(directory: readModelsDirectory(in: directory),
                                                                   personalData: sealsPersonalData ? personalData : nil)
        }
        do {
            return try await Bank(store: store, clock: clock, configuration: configuration, ownsStore: true)
        } catch {
            await store.close()
            PersonalDataKeyring.unregister(store)
            throw error
        }
    }

    /// Where a data directory keeps the bank's saved read models.
    public static func readModelsDirectory(in directory: URL) -> URL {
        directory.appendingPathComponent("read-models", isDirectory: true)
    }
}
