import Core
import Foundation
import PostgresStore
import Store

/// The bank opened on the command's store, for the write commands.
///
/// Write commands run the bank's processors in-process until what they caused is at rest, so
/// `pay` can print the payment's outcome. Refusals (`BankError`) become one-line exit-1 errors;
/// an event the bank cannot trust is exit 3; a payment not at rest by the deadline is exit 4.
enum BankSession {
    /// What `--timeout` gives when absent: seconds a write command waits for the bank to come to rest.
    static let defaultTimeout = 30
    /// The most `--timeout` takes (an hour).
    static let maxTimeout = 3_600

    /// The `--timeout SECONDS` option of the commands that wait for a payment to come to rest.
    static let timeoutOption = OptionSpec("timeout", ["SECONDS"],
                                          help: "give up waiting for the payment to come to rest after SECONDS (0-\(maxTimeout), default \(defaultTimeout)); exit 4")

    /// A payment not at rest by the deadline: the command says where it is and exits 4.
    struct NotAtRest: Error {
        var message: String
    }

    /// `--timeout`, range-checked (a usage error beyond it).
    static func timeout(_ context: CommandContext) throws(CommandFailure) -> Duration {
        guard let text = context.arguments.value("timeout") else { return .seconds(defaultTimeout) }
        guard let seconds = Int(text), (0...maxTimeout).contains(seconds) else {
            throw .usage("--timeout must be a whole number of seconds from 0 to \(maxTimeout), not '\(text.prefix(40))'")
        }
        return .seconds(seconds)
    }

    /// Runs a command that waits for a payment, turning a passed deadline into its one line on
    /// standard error and exit 4.
    static func waiting(_ name: String, _ context: CommandContext, _ body: () async throws -> Void) async throws -> Int32 {
        do {
            try await body()
            return ExitCode.success
        } catch let late as NotAtRest {
            context.errors.line("bank-console \(name): \(late.message)")
            return ExitCode.notAtRest
        }
    }

    /// Runs a command that moves a payment (`pay`, `send`, `release`, `reject`): opens the bank
    /// (after `check`), lets `act` move the payment and wait for it to come to rest, and prints
    /// where it came to rest; a passed deadline is exit 4, as `waiting` says.
    static func movingPayment(_ name: String, _ context: CommandContext, timeout: Duration,
                              check: (any EventStore) throws -> Void = { _ in },
                              _ act: (Bank) async throws -> PaymentOutcome) async throws -> Int32 {
        try await waiting(name, context) {
            try await withBank(context, timeout: timeout, check: check) { bank in
                let outcome = try await act(bank)
                try await printOutcome(outcome, bank: bank, context: context)
            }
        }
    }

    /// Where the bank-wide views of `store` (at `location`) are saved: beside a file store's
    /// log, or in a PostgreSQL store's database; nil for any other store.
    static func savedViews(of store: any EventStore, at location: URL) -> (any ReadModelStateStore)? {
        let personalData = PersonalDataKeyring.personalData(for: store)
        if store is FileEventStore {
            return FileReadModelStateStore(directory: Bank.readModelsDirectory(in: location), personalData: personalData)
        }
        guard store is PostgresEventStore else { return nil }
        return PostgresReadModelStateStore(uri: location.absoluteString, schema: PostgresStoreProvider.schema, personalData: { personalData })
    }

    /// Opens the store for writing and the bank on it (seeding an empty store), runs `body`,
    /// and closes both, also on error.
    ///
    /// `check` runs on the store before the bank opens: a refusal there writes nothing at all
    /// (not even the subscriptions' bookkeeping that starting the processors does).
    /// - Parameter timeout: how long the bank's waits for a payment to come to rest last.
    /// - Parameter folding: whether the bank folds the whole log into its read models (`Folding`).
    static func withBank<T>(_ context: CommandContext, processors: Bool = true, seedWhenEmpty: Bool = true,
                            timeout: Duration = .seconds(defaultTimeout), folding: Folding = .off,
                            check: (any EventStore) throws -> Void = { _ in },
                            _ body: (Bank) async throws -> T) async throws -> T {
        try checkClaim(context)
        return try await context.withWritableStore(seedIfNew: seedWhenEmpty) { store in
            try check(store)
            // A bank that folds the log (`run`, `seed`) resumes its read models from their save
            // (beside a file store's log, or in the database) and saves them again, so the
            // console opens on them at once.
            let saved: (any ReadModelStateStore)? = folding == .off ? nil : savedViews(of: store, at: context.storeDirectory)
            // The database's copy is given up and the private one removed when the bank is done.
            defer { (saved as? PostgresReadModelStateStore)?.close() }
            let followsLog = folding == .always || (folding == .whereSaved && saved != nil)
            let bank = try await open(store, clock: context.environment.clock, seedWhenEmpty: seedWhenEmpty, timeout: timeout,
                                      followsLog: followsLog, creator: actor(context), readModelState: saved,
                                      sanctions: try sanctionsSeed(context.environment.variables))
            do {
                if processors { try await bank.startProcessors() }
                let result = try await body(bank)
                await bank.close()
                return result
            } catch let error as BankError {
                await bank.close()
                throw failure(error)
            } catch {
                await bank.close()
                throw error
            }
        }
    }

    /// The bank on `store`, seeded when the store is empty; `creator` becomes its first
    /// supervisor when it has no operators yet.
    static func open(_ store: any EventStore, clock: any StoreClock, seedWhenEmpty: Bool = true,
                     timeout: Duration = .seconds(defaultTimeout), followsLog: Bool = false, creator: String? = nil,
                     readModelState: (any ReadModelStateStore)? = nil, sanctions: SanctionsSeed = .ofac) async throws -> Bank {
        do {
            var configuration = BankConfiguration(seedWhenEmpty: seedWhenEmpty, restTimeout: timeout, followsLog: followsLog, creator: creator,
                                                  readModelState: readModelState)
            configuration.sanctionsSeed = sanctions
            return try await Bank(store: store, clock: clock, configuration: configuration, ownsStore: false)
        } catch {
            throw failure(error)
        }
    }

    /// Seeds a new store from the bundled seeds (what the environment's `seed` does).
    static func seed(clock: any StoreClock, sanctions: SanctionsSeed = .ofac) -> @Sendable (any EventStore) async throws -> Void {
        { store in
            let bank = try await open(store, clock: clock, sanctions: sanctions)
            await bank.close()
        }
    }

    /// The sanctions list a new bank is seeded with: `BANK_SEED_SANCTIONS` (`ofac`, the default,
    /// or `fictional`, the invented list of `seeds/sanctioned-names.txt`).
    static func sanctionsSeed(_ variables: [String: String]) throws(CommandFailure) -> SanctionsSeed {
        guard let seed = SanctionsSeed.named(variables["BANK_SEED_SANCTIONS"]) else {
            throw .usage("BANK_SEED_SANCTIONS must be ofac or fictional, not '\(DisplayText.cut(variables["BANK_SEED_SANCTIONS"] ?? ""))'")
        }
        return seed
    }

    /// What `body` returns; its bank refusal thrown as a command failure (`failure`).
    static func asCommand<T>(_ body: () throws(BankError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw failure(error)
        }
    }

    /// A bank refusal as a command failure: corruption, and an event the bank cannot trust,
    /// are exit 3; a deadline passed is `NotAtRest` (exit 4); anything else exit 1.
    static func failure(_ error: BankError) -> any Error {
        switch error {
        case .store(let storeError): CommandFailure(storeError)
        case .fault: CommandFailure.corrupt(error.description)
        case .notAtRest: NotAtRest(message: error.description)
        default: CommandFailure.refused(error.description)
        }
    }

    /// Who acts. On a data directory: `--by`, else `BANK_OPERATOR`, else the OS login name (see
    /// `OperatorIdentity`). On PostgreSQL: the database role the connection logs in as (see
    /// `StoreLocation.databaseRole`); `--by` may only repeat it (`checkClaim`).
    static func identity(_ context: CommandContext) -> OperatorIdentity {
        let role = StoreLocation.databaseRole(context.storeDirectory, environment: context.environment.variables)
        return OperatorIdentity.current(name: role ?? context.arguments.value("by"), environment: context.environment.variables)
    }

    /// Refuses `--by` naming someone other than the database role on PostgreSQL, where the
    /// role is authenticated by the database and is the operator.
    static func checkClaim(_ context: CommandContext) throws(CommandFailure) {
        guard let role = StoreLocation.databaseRole(context.storeDirectory, environment: context.environment.variables),
              let claimed = context.arguments.value("by"), claimed != role else { return }
        throw .usage("on PostgreSQL the operator is the database role \(role); --by cannot make it \(claimed)")
    }

    /// The name an operator action is recorded under.
    static func actor(_ context: CommandContext) -> String { identity(context).name }

    /// Prints where a payment came to rest: one line for people, the payment object with `--json`.
    ///
    /// Reads the payment's own stream (at rest: nothing more is coming to it), never the log.
    static func printOutcome(_ outcome: PaymentOutcome, bank: Bank, context: CommandContext) async throws {
        let read = try EntityReads.payment(outcome.paymentId, in: bank.store)
        let summary = try read.map { try BankView.trusted($0.models) }?.payments.payment(outcome.paymentId)
        if context.json {
            guard let summary, let events = read?.events else {
                throw CommandFailure.refused("payment \(outcome.paymentId) is not in the read models")
            }
            context.output.line(BankRendering.json(summary, events: events).compact)
            return
        }
        if let summary {
            context.output.line(BankRendering.outcome(summary))
            if summary.state == .settled, let balance = outcome.balanceAfter, let account = outcome.account {
                context.output.line("balance of \(account): \(balance)")
            }
        } else {
            context.output.line("\(outcome.direction.rawValue) payment \(outcome.paymentId.uuidString.lowercased()): \(outcome.status.rawValue)")
        }
    }
}
