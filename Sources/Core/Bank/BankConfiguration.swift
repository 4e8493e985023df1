import Foundation

/// How a `Bank` is set up. Every default is deterministic.
public struct BankConfiguration: Sendable {
    /// Seeds the simulator and the ids of payments made through the facade.
    public var seed: UInt64
    /// Screening score at or above which a payment is held.
    public var screeningThreshold: Double
    /// The simulator's initial rate, mix and scheme reject share.
    public var simulator: SimulatorSettings
    /// Competing consumers per persistent-subscription group (at least 1).
    public var consumersPerGroup: Int
    /// Where the seed files are; the bundled `seeds/` when nil.
    public var seedsDirectory: URL?
    /// Whether opening an empty store seeds it.
    public var seedWhenEmpty: Bool
    /// The sanctions list seeding writes: the invented one unless set (the console and
    /// `bank-console` set `.ofac`, the real list, for a data directory).
    public var sanctionsSeed: SanctionsSeed = .fictional
    /// How often subscription timeouts and checkpoints are checked (nil: only when `tick()` is
    /// called, as deterministic tests do).
    public var subscriptionTick: Duration?
    /// How long `pay`, `send`, `release` and `reject` wait for the payment to come to rest
    /// before giving up with `BankError.notAtRest` (the payment carries on if it can).
    public var restTimeout: Duration
    /// Whether the bank folds the whole log into `readModels`, following it live (the console,
    /// `run`). A command that only needs where its own payment came to rest reads that
    /// payment's stream instead and passes false: then `readModels` stays empty and
    /// `readModelsCatchUp` returns at once.
    public var followsLog: Bool
    /// The operator opening the bank to act on it. A bank with no operators yet (a new one, or
    /// one from before operators were recorded) makes them its first supervisor, as an event.
    /// Nil: record nobody (then every operator action is refused until a supervisor exists).
    public var creator: String?
    /// Where the bank-wide read models are saved and resumed from (nil: folded from the
    /// beginning of the log at every start).
    public var readModelState: (any ReadModelStateStore)?
    /// Events folded between two saves of the read models (they are also saved at close); a
    /// crash loses at most this many events of folding, which the next start folds again.
    public var readModelSaveInterval: Int
    /// Waits out `restTimeout`: the one timer the bank uses, injected so tests decide when a
    /// deadline passes instead of sleeping. Throws when cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(seed: UInt64 = 1, screeningThreshold: Double = 0.85, simulator: SimulatorSettings = SimulatorSettings(),
                consumersPerGroup: Int = 2, seedsDirectory: URL? = nil, seedWhenEmpty: Bool = true,
                subscriptionTick: Duration? = .seconds(1), restTimeout: Duration = .seconds(30), followsLog: Bool = true, creator: String? = nil,
                readModelState: (any ReadModelStateStore)? = nil, readModelSaveInterval: Int = 200_000,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.seed = seed
        self.screeningThreshold = screeningThreshold
        self.simulator = simulator
        self.consumersPerGroup = consumersPerGroup
        self.seedsDirectory = seedsDirectory
        self.seedWhenEmpty = seedWhenEmpty
        self.subscriptionTick = subscriptionTick
        self.restTimeout = restTimeout
        self.followsLog = followsLog
        self.creator = creator
        self.readModelState = readModelState
        self.readModelSaveInterval = max(1, readModelSaveInterval)
        self.sleep = sleep
    }
}
