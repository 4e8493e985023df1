import ConsoleUI
import Core
import Foundation
import PostgresStore
import Store
import Synchronization

/// How the console was asked to start.
struct ConsoleOptions: Sendable {
    /// The data directory (created and seeded on first run), or a PostgreSQL database
    /// (`StoreLocation`; its schema created on first use).
    var storeDirectory: URL
    /// A theme name from `themes/` or a path to a theme file; nil for `default`.
    var theme: String?
    /// Environment variables (`TERM`, `NO_COLOR`, `LANG`, ...).
    var environment: [String: String] = ProcessInfo.processInfo.environment
}

/// The console's entry point: `bank-console` with no subcommand.
enum ConsoleApp {
    /// Opens the data directory, starts the bank, and runs the console until the operator
    /// quits. Returns the exit code: 0 on quit, 1 when the store cannot be opened, 2 when the
    /// terminal cannot be used, 128+N after signal N.
    static func run(options: ConsoleOptions) async -> Int32 {
        let location = options.storeDirectory
        guard StoreLocation.isPostgres(location) else {
            return await ConsoleRunner.run(storeDirectory: location, theme: options.theme, environment: options.environment)
        }
        // Personal data is sealed with the keys of `bank.customer_keys` (`Core/Privacy`); the
        // bank-wide views resume from their save in the database (`PostgresReadModelStateStore`,
        // which touches it only once the store is open: a bad terminal is refused before).
        let keyring = Mutex<PersonalData?>(nil)
        let saved = PostgresReadModelStateStore(uri: location.absoluteString, schema: PostgresStoreProvider.schema,
                                                personalData: { keyring.withLock { $0 } })
        defer { saved.close() }
        return await ConsoleRunner.run(store: {
            let store = try PostgresEventStore.open(uri: location.absoluteString, options: PostgresStoreOptions(schema: PostgresStoreProvider.schema, access: .sharedWriter))
            do {
                let keys = try PostgresStoreProvider.keyTable(at: location)
                let personalData = PersonalData(keys: PostgresCustomerKeyStore(table: keys))
                PersonalDataKeyring.register(personalData, for: store)
                keyring.withLock { $0 = personalData }
            } catch {
                await store.close()
                throw error
            }
            return store
        }, storeName: StoreLocation.describe(location), storeLabel: StoreLocation.label(location), theme: options.theme,
           environment: options.environment, operatorName: StoreLocation.databaseRole(location, environment: options.environment),
           readModelState: saved)
    }
}
