import Core
import Foundation
import Store

/// Opens a data directory with the bank running and shows the console on this terminal.
public enum ConsoleRunner {
    /// Runs the console until the operator quits; returns the process exit code (0 quit,
    /// 1 store could not be opened, 2 terminal unusable, 128+N after signal N).
    ///
    /// A missing data directory is created and seeded. Processors and the simulator run for
    /// as long as the console does.
    public static func run(storeDirectory: URL, theme: String?, environment: [String: String]) async -> Int32 {
        // Personal data is sealed with the keys in `keys/` beside the log (`Core/Privacy`).
        let personalData = PersonalData(keys: FileCustomerKeyStore(directory: FileCustomerKeyStore.directory(in: storeDirectory)))
        return await run(store: {
            try FileManager.default.createDirectory(at: storeDirectory, withIntermediateDirectories: true)
            let store = try FileEventStore.open(directory: storeDirectory)
            PersonalDataKeyring.register(personalData, for: store)
            return store
        }, storeName: storeDirectory.path, storeLabel: nil, theme: theme, environment: environment,
        // The bank-wide views resume from their save beside the log (rebuilt when it cannot be trusted).
        readModelState: FileReadModelStateStore(directory: Bank.readModelsDirectory(in: storeDirectory), personalData: personalData))
    }

    /// Runs the console on the store `open` returns (any backend); `storeName` names it in
    /// the error when it cannot be opened, `storeLabel` in the top bar (nil for the default
    /// file store). The bank owns (and closes) the store.
    /// - Parameter operatorName: who the console acts as when the store decides it (the
    ///   database role on PostgreSQL); nil: `BANK_OPERATOR`, else the OS login name.
    /// - Parameter readModelState: where the bank-wide views are saved and resumed from (nil:
    ///   folded from the log at start).
    public static func run(store open: @Sendable () async throws -> any EventStore, storeName: String, storeLabel: String?, theme: String?,
                           environment: [String: String], operatorName: String? = nil,
                           readModelState: (any ReadModelStateStore)? = nil) async -> Int32 {
        await run(store: open, storeName: storeName, storeLabel: storeLabel, theme: theme, environment: environment,
                  operatorName: operatorName, readModelState: readModelState, headless: nil)
    }

    /// Runs the console on the data directory in `storeDirectory` as `run(storeDirectory:…)`
    /// does, but on no terminal (`HeadlessLaunch`): until its first frame at the store's head,
    /// which it reports, then closes. For measuring the console in a process of its own.
    package static func runHeadless(storeDirectory: URL, environment: [String: String], launch: HeadlessLaunch) async -> Int32 {
        let personalData = PersonalData(keys: FileCustomerKeyStore(directory: FileCustomerKeyStore.directory(in: storeDirectory)))
        return await run(store: {
            let store = try FileEventStore.open(directory: storeDirectory)
            PersonalDataKeyring.register(personalData, for: store)
            return store
        }, storeName: storeDirectory.path, storeLabel: nil, theme: nil, environment: environment,
        readModelState: FileReadModelStateStore(directory: Bank.readModelsDirectory(in: storeDirectory), personalData: personalData),
        headless: launch)
    }

    private static func run(store open: @Sendable () async throws -> any EventStore, storeName: String, storeLabel: String?, theme: String?,
                            environment: [String: String], operatorName: String? = nil,
                            readModelState: (any ReadModelStateStore)?, headless: HeadlessLaunch?) async -> Int32 {
        // Processors, projections and simulator run in the console, and headless only when asked.
        let background = headless?.runsBank ?? true
        // Refuse a bad terminal or theme before touching the data directory.
        if headless == nil, let problem = TerminalCheck.problem(environment: environment) {
            FileHandle.standardError.write(Data("bank-console: \(problem)\n".utf8))
            return 2
        }
        if headless == nil, let theme, (environment["NO_COLOR"] ?? "").isEmpty {
            do {
                _ = try Theme.load(theme)
            } catch {
                FileHandle.standardError.write(Data("bank-console: \(error)\n".utf8))
                return 2
            }
        }
        let bank: Bank
        let host: BankProjectionHost
        let identity = OperatorIdentity.current(name: operatorName, environment: environment)
        do {
            let store = try await open()
            var configuration = BankConfiguration(creator: identity.name, readModelState: readModelState)
            configuration.sanctionsSeed = SanctionsSeed.named(environment["BANK_SEED_SANCTIONS"]) ?? .ofac
            do {
                bank = try await Bank(store: store, clock: SystemClock(), configuration: configuration, ownsStore: true)
            } catch {
                await store.close()
                throw error
            }
            if background { try await bank.startProcessors() }
        } catch {
            FileHandle.standardError.write(Data("bank-console: cannot open \(storeName): \(error)\n".utf8))
            return 1
        }
        do {
            // Those created at run time (`projections create`, N in pane 5) run here too.
            host = try await BankProjectionHost(store: bank.store, clock: SystemClock(), running: background)
        } catch {
            FileHandle.standardError.write(Data("bank-console: cannot start the projections: \(error)\n".utf8))
            await bank.close()
            return 1
        }
        if background { bank.simulator.start() }
        let statistics = bank.publishSubscriptionStats()
        var services = BankServices.make(bank, projections: host.projections, defined: host.defined, operator: identity.name)
        services.storeLabel = storeLabel
        let code = await ConsoleSession.run(services: services, overview: bank.readModels, theme: theme, environment: environment,
                                            headless: headless)
        bank.simulator.stop()
        await statistics.stop()
        await host.stop()
        await bank.close()
        return code
    }
}
