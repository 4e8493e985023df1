import ConsoleUI
import Core
import Foundation
import PostgresStore
import Store

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
        return await ConsoleRunner.run(store: {
            let store = try PostgresEventStore.open(uri: location.absoluteString, options: PostgresStoreOptions(schema: PostgresStoreProvider.schema, access: .sharedWriter))
            // Personal data is sealed with the keys of `bank.customer_keys` (`Core/Privacy`).
            do {
                let keys = try PostgresStoreProvider.keyTable(at: location)
                PersonalDataKeyring.register(PersonalData(keys: PostgresCustomerKeyStore(table: keys)), for: store)
            } catch {
                await store.close()
                throw error
            }
            return store
        }, storeName: StoreLocation.describe(location), storeLabel: StoreLocation.label(location), theme: options.theme,
           environment: options.environment, operatorName: StoreLocation.databaseRole(location, environment: options.environment))
    }
}
