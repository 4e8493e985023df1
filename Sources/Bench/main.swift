import Foundation

/// `bank-bench SUITE...` runs benchmark suites; each prints `NAME<TAB>VALUE<TAB>UNIT` lines.
let suites: [String: @Sendable () async throws -> Void] = [
    // `store --backend postgresql://…` runs the store figures on PostgreSQL instead.
    "store": {
        if let uri = PostgresStoreBench.backend { try await PostgresStoreBench.run(uri: uri) } else { try await StoreBench.run() }
    },
    "subscriptions": SubscriptionsBench.run,
    "models": runModelsBench,
    // Issue 4's figures: the settled-payment flood, then screening, time machine and replay.
    "bank": { try await BankBench.run(); try await runModelsBench() },
    "console": { try await ConsoleBench.run() },
    // `payments --backend postgresql://…` runs the flood on PostgreSQL, with one and with three processes.
    "payments": {
        if let uri = PostgresStoreBench.backend { try await PostgresPaymentsBench.run(uri: uri) } else { try await BankBench.run() }
    },
    // One of the extra processes of `payments --backend` (not a suite to run by hand).
    "payments-member": { try await PostgresPaymentsBench.member() },
    // Issue 11's store figures at the size of a busy bank: `scale [--events N]`.
    "scale": { try await ScaleBench.run() },
    // Issue 13's figures: the audit trail and a month's statement on a long log.
    "operators": { try await OperatorsBench.run() },
    // Issue 14's figures: modulus checking.
    "validation": { try ValidationBench.run() },
    "screening": { try await ScreeningBench.run() },
]

// Options of a suite (`--events N`) are read by the suite itself, not taken for suite names.
var requested: [String] = []
var arguments = CommandLine.arguments.dropFirst()[...]
while let argument = arguments.popFirst() {
    if argument.hasPrefix("--") { _ = arguments.popFirst() } else { requested.append(argument) }
}
let names = requested.isEmpty ? suites.keys.sorted().filter { $0 != "payments-member" } : requested
for name in names {
    guard let suite = suites[name] else {
        FileHandle.standardError.write(Data("bank-bench: unknown suite \(name); known: \(suites.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    try await suite()
}
