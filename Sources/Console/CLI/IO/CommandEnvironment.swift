import Foundation
import Store

/// Everything a command touches outside itself, injected so tests run commands in-process.
struct CommandEnvironment: Sendable {
    var standardOutput: any TextOutput
    var standardError: any TextOutput
    var standardInput: StandardInput
    /// Environment variables (`BANK_STORE`).
    var variables: [String: String]
    /// Relative paths resolve against this directory.
    var workingDirectory: URL
    /// Time for the bank (the store has its own, from the provider).
    var clock: any StoreClock
    /// Opens data directories.
    var stores: any StoreProvider
    /// Seeds a newly created store (accounts, sanctioned names); nil when this build has no bank.
    var seed: (@Sendable (any EventStore) async throws -> Void)?
    /// The continuous projections `projections` and `projection` show (registered afresh by each command).
    var projections: @Sendable () -> [any Projection] = { [] }
    /// Opens the TUI; nil when this build has no console.
    var console: (@Sendable (_ storeDirectory: URL, _ theme: String?) async -> Int32)?
}

/// Where `import -` reads from.
enum StandardInput: Sendable {
    case descriptor(Int32)
    case bytes(Data)

    /// A line source over it.
    func lines() -> LineSource {
        switch self {
        case .descriptor(let descriptor): LineSource(descriptor: descriptor)
        case .bytes(let data): LineSource(data: data)
        }
    }
}
