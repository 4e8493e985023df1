import Foundation

/// `bank-bench SUITE...` runs benchmark suites; each prints `NAME<TAB>VALUE<TAB>UNIT` lines.
let suites: [String: @Sendable () async throws -> Void] = [
    "store": { try await StoreBench.run() },
    "subscriptions": SubscriptionsBench.run,
    "models": runModelsBench,
    // Issue 4's figures: the settled-payment flood, then screening, time machine and replay.
    "bank": { try await BankBench.run(); try await runModelsBench() },
    "console": { try await ConsoleBench.run() },
    "payments": { try await BankBench.run() },
]

let requested = Array(CommandLine.arguments.dropFirst())
let names = requested.isEmpty ? suites.keys.sorted() : requested
for name in names {
    guard let suite = suites[name] else {
        FileHandle.standardError.write(Data("bank-bench: unknown suite \(name); known: \(suites.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    try await suite()
}
