import Core
import Foundation
import Store

/// The console on a large store, for `bank-bench scale`: launch to first live frame, and
/// time-machine seeks. Timings from `ContinuousClock`; nothing here asserts.
extension ConsoleBenchmarks {
    /// What `firstLiveFrame` measured.
    package struct Launch: Sendable {
        /// Milliseconds from opening the data directory to the first frame drawn.
        package var milliseconds: Double
        /// Of which opening the store (the rest is the bank, its views and the frame).
        package var storeMilliseconds: Double
        /// Whether that frame showed the bank at the store's head (not catching up).
        package var live: Bool
        /// How the bank's views started (resumed from their save, or rebuilt).
        package var origin: ReadModelsOrigin
        /// Milliseconds to draw the accounts pane at the middle of the list, then with a filter
        /// typed (the first frame counts every page's matches), then that frame again.
        package var accountsFrame: Double = 0
        package var accountsFilterFrame: Double = 0
        package var accountsFilterAgain: Double = 0
    }

    /// Opens the bank in `directory` as the console does (its views resumed from
    /// `read-models/`), builds the first state and draws the first frame on a headless
    /// terminal; then closes the bank, which saves its views. Processors and simulator stay off.
    /// - Parameter drawsAccounts: also times the accounts pane's frames (after the launch's
    ///   figure, which never includes them).
    package static func firstLiveFrame(directory: URL, drawsAccounts: Bool) async throws -> Launch {
        let clock = ContinuousClock(), start = clock.now
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os))
        let opened = clock.now
        let configuration = BankConfiguration(seedWhenEmpty: false,
                                              readModelState: savedViews(directory, store: store))
        let bank = try await Bank(store: store, clock: SystemClock(), configuration: configuration, ownsStore: true)
        var state = State(size: Size(width: 160, height: 48), glyphs: .unicode, now: Date())
        state.bank = BankFold(live: bank.readModels)
        _ = state.apply(.storeHeadRead(store.headPosition))
        let terminal = BenchTerminal(size: state.size)
        terminal.draw(render(state))
        let elapsed = clock.now - start
        var launch = Launch(milliseconds: microseconds(elapsed) / 1_000, storeMilliseconds: microseconds(opened - start) / 1_000,
                            live: state.catchingUp == nil, origin: bank.readModelsOrigin)
        guard drawsAccounts else {
            await bank.close()
            return launch
        }
        // The accounts pane, scrolled to the middle of the list: only its page is read.
        state.pane = .accounts
        state.accounts.list.top = state.bank.live.accounts.count / 2
        state.accounts.list.cursor = state.accounts.list.top
        launch.accountsFrame = timed { terminal.draw(render(state)) }
        state.accounts.filter = "smith"
        state.accounts.list = ListPosition()
        launch.accountsFilterFrame = timed { terminal.draw(render(state)) }
        launch.accountsFilterAgain = timed { terminal.draw(render(state)) }
        await bank.close()
        return launch
    }

    /// Where the views of `directory` are saved, sealed with its keys as the console seals them
    /// (`ConsoleRunner`), whose personal data `store`'s events are then read with.
    private static func savedViews(_ directory: URL, store: FileEventStore) -> FileReadModelStateStore {
        let personalData = PersonalData(keys: FileCustomerKeyStore(directory: FileCustomerKeyStore.directory(in: directory)))
        PersonalDataKeyring.register(personalData, for: store)
        return FileReadModelStateStore(directory: Bank.readModelsDirectory(in: directory), personalData: personalData)
    }

    /// Milliseconds `body` took.
    private static func timed(_ body: () -> Void) -> Double {
        let clock = ContinuousClock(), start = clock.now
        body()
        return microseconds(clock.now - start) / 1_000
    }

    /// Folds the whole log into the bank's views and saves them (what a first start does); ms.
    /// An earlier save is removed first (deleting it is always safe: it is rebuilt), so the
    /// fold starts at the beginning of the log, not at that save.
    package static func rebuildViews(directory: URL) async throws -> Double {
        let saved = Bank.readModelsDirectory(in: directory)
        if FileManager.default.fileExists(atPath: saved.path) { try FileManager.default.removeItem(at: saved) }
        let clock = ContinuousClock(), start = clock.now
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os))
        let configuration = BankConfiguration(seedWhenEmpty: false,
                                              readModelState: savedViews(directory, store: store))
        let bank = try await Bank(store: store, clock: SystemClock(), configuration: configuration, ownsStore: true)
        try await bank.readModelsCatchUp()
        await bank.close()
        return microseconds(clock.now - start) / 1_000
    }

    /// `count` time-machine seeks at positions drawn from a generator seeded with `seed`, each
    /// reading what a 160×48 console shows (its accounts page and a ledger); ms each.
    package static func seeks(directory: URL, count: Int, seed: UInt64) async throws -> [Double] {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(readOnly: true))
        let samples = try seeks(store: store, directory: directory, count: count, seed: seed)
        await store.close()
        return samples
    }

    private static func seeks(store: FileEventStore, directory: URL, count: Int, seed: UInt64) throws -> [Double] {
        let saved = try savedViews(directory, store: store).load()
        var state = State(size: Size(width: 160, height: 48), glyphs: .unicode, now: Date())
        state.bank = BankFold(live: saved?.overview ?? BankOverview())
        let query = TimeQuery(state)
        let head = store.headPosition
        guard head > 0 else { return [] }
        var random = SplitMix64(seed: seed)
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<count {
            let position = UInt64.random(in: 0..<head, using: &random)
            let start = clock.now
            _ = try query.read(at: position, in: store)
            samples.append(microseconds(clock.now - start) / 1_000)
        }
        return samples
    }
}
