import Foundation
import Store

/// What a running command has at hand: its arguments, output, and the data directory.
struct CommandContext: Sendable {
    var arguments: ParsedArguments
    var environment: CommandEnvironment
    /// The data directory chosen by `--store`, `$BANK_STORE` or the default.
    var storeDirectory: URL
    /// Whether `--json` was given.
    var json: Bool { arguments.has("json") }

    var output: any TextOutput { environment.standardOutput }
    var errors: any TextOutput { environment.standardError }

    /// Opens the store read-only: the command works while another process writes.
    ///
    /// A missing data directory is first created and seeded, as for every command.
    func openReadOnly() async throws -> StoreHandle {
        if try !storeExists() {
            let handle = try await openForWriting()
            await handle.close()
        }
        return try await environment.stores.openReadOnly(at: storeDirectory)
    }

    /// Opens the store for writing; a missing data directory is created and (unless
    /// `seedIfNew` is false) seeded.
    func openForWriting(seedIfNew: Bool = true) async throws -> StoreHandle {
        let isNew = try !storeExists()
        let handle = try await environment.stores.openForWriting(at: storeDirectory)
        if isNew, seedIfNew, let seed = environment.seed {
            do {
                try await seed(handle.store)
            } catch {
                await handle.close()
                throw error
            }
        }
        return handle
    }

    /// Whether the data directory holds a store (false when it is missing or empty); a
    /// directory holding something else is refused, so no command reads it as an empty bank or
    /// writes a store into it.
    func storeExists() throws(CommandFailure) -> Bool {
        switch environment.stores.inspect(storeDirectory) {
        case .store: return true
        case .missing, .empty: return false
        case .notAStore(let reason):
            throw .refused(StoreDirectory.notAStoreMessage(storeDirectory, reason: reason))
        }
    }

    /// Runs `body` with the store open read-only and closes it afterwards, also on error.
    func withReadOnlyStore<T>(_ body: (any EventStore) async throws -> T) async throws -> T {
        try await using(try await openReadOnly(), body)
    }

    /// Runs `body` with the store open for writing and closes it afterwards, also on error.
    func withWritableStore<T>(seedIfNew: Bool = true, _ body: (any EventStore) async throws -> T) async throws -> T {
        try await using(try await openForWriting(seedIfNew: seedIfNew), body)
    }

    /// Runs `body` on `handle`'s store and closes it afterwards, also on error.
    private func using<T>(_ handle: StoreHandle, _ body: (any EventStore) async throws -> T) async throws -> T {
        do {
            let result = try await body(handle.store)
            await handle.close()
            return result
        } catch {
            await handle.close()
            throw error
        }
    }

    // MARK: - Argument helpers

    /// A non-negative integer option, or a refusal naming the option.
    func integerOption(_ name: String) throws(CommandFailure) -> Int64? {
        guard let text = arguments.value(name) else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw .usage("--\(name) must be a non-negative whole number, not \(DisplayText.quoted(text))")
        }
        return value
    }
}
