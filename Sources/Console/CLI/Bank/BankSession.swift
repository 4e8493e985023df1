import Core
import Foundation
import Store

/// The bank opened on the command's store, for the write commands.
///
/// Write commands run the bank's processors in-process until what they caused is at rest, so
/// `pay` can print the payment's outcome. Refusals (`BankError`) become one-line exit-1 errors.
enum BankSession {
    /// Opens the store for writing and the bank on it (seeding an empty store), runs `body`,
    /// and closes both, also on error.
    ///
    /// `check` runs on the store before the bank opens: a refusal there writes nothing at all
    /// (not even the subscriptions' bookkeeping that starting the processors does).
    static func withBank<T>(_ context: CommandContext, processors: Bool = true, seedWhenEmpty: Bool = true,
                            check: (any EventStore) throws -> Void = { _ in },
                            _ body: (Bank) async throws -> T) async throws -> T {
        try await context.withWritableStore(seedIfNew: seedWhenEmpty) { store in
            try check(store)
            let bank = try await open(store, clock: context.environment.clock, seedWhenEmpty: seedWhenEmpty)
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

    /// The bank on `store`, seeded when the store is empty.
    static func open(_ store: any EventStore, clock: any StoreClock, seedWhenEmpty: Bool = true) async throws -> Bank {
        do {
            return try await Bank(store: store, clock: clock, configuration: BankConfiguration(seedWhenEmpty: seedWhenEmpty), ownsStore: false)
        } catch {
            throw failure(error)
        }
    }

    /// Seeds a new store from the bundled seeds (what the environment's `seed` does).
    static func seed(clock: any StoreClock) -> @Sendable (any EventStore) async throws -> Void {
        { store in
            let bank = try await open(store, clock: clock)
            await bank.close()
        }
    }

    /// A bank refusal as a command failure: corruption is exit 3, anything else exit 1.
    static func failure(_ error: BankError) -> CommandFailure {
        if case .store(let storeError) = error { return CommandFailure(storeError) }
        return .refused(error.description)
    }

    /// Who an operator action is recorded as: `--by`, else `$USER`, else `operator`.
    static func actor(_ context: CommandContext) -> String {
        context.arguments.value("by") ?? context.environment.variables["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "operator"
    }

    /// Prints where a payment came to rest: one line for people, the payment object with `--json`.
    static func printOutcome(_ outcome: PaymentOutcome, bank: Bank, context: CommandContext) async throws {
        await bank.readModelsCatchUp()
        let summary = bank.readModels.payments.payment(outcome.paymentId)
        if context.json {
            guard let summary else { throw CommandFailure.refused("payment \(outcome.paymentId) is not in the read models") }
            let events = try bank.store.read(BankStream.payment(outcome.direction, outcome.paymentId).name)
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
