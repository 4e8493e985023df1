import Foundation

/// `bank-bench SUITE...` runs benchmark suites; each prints `NAME<TAB>VALUE<TAB>UNIT` lines.
let suites: [String: @Sendable () async throws -> Void] = [
    // `store --backend postgresql://…` runs the store figures on PostgreSQL instead.
    "store": {
        if let uri = PostgresStoreBench.backend { try await PostgresStoreBench.run(uri: uri) } else { try await StoreBench.run() }
    },
    // Only the store suite's `read.all`, on a store built quickly (for profiling the read path).
    "read-all": { try await StoreBench.readAllOnly() },
    "subscriptions": SubscriptionsBench.run,
    "models": runModelsBench,
    // Issue 4's figures: the settled-payment flood, then screening, time machine and replay.
    "bank": { try await BankBench.run(); try await runModelsBench() },
    "console": { try await ConsoleBench.run() },
    // `payments.settled` in plain text, then `pii.settled`: the same with names sealed (issue 18);
    // `payments --backend postgresql://…` runs the flood on PostgreSQL, with one and with three processes.
    "payments": {
        if let uri = PostgresStoreBench.backend {
            try await PostgresPaymentsBench.run(uri: uri)
        } else {
            try await BankBench.run()
            try await PrivacyBench.run()
        }
    },
    "pii": { try await PrivacyBench.run() },
    // One of the extra processes of `payments --backend` (not a suite to run by hand).
    "payments-member": { try await PostgresPaymentsBench.member() },
    // Issue 11's store figures at the size of a busy bank: `scale [--events N]`.
    "scale": { try await ScaleBench.run() },
    // The console of `scale`, in a process of its own (launched by `scale`, not a suite to run by hand).
    "scale-console-process": { try await ScaleBench.consoleProcessChild() },
    // The opens of `scale`, in a process of their own (launched by `scale`).
    "scale-open-process": { try await ScaleBench.openProcessChild() },
    // Issue 13's figures: the audit trail and a month's statement on a long log.
    "operators": { try await OperatorsBench.run() },
    // Issue 14's figures: modulus checking.
    "validation": { try ValidationBench.run() },
    "screening": { try await ScreeningBench.run() },
    // Issue 18's figure: a projection in the projection language against the same in Swift.
    "projection": { try await ProjectionLanguageBench.run() },
    // Issue 18's figure: 10,000 standing orders due at once.
    "schedule": { try await ScheduleBench.run() },
    // Issue 14's ISO 20022 figures: reading and importing pacs.008 messages.
    "iso20022": { try await Pacs008Bench.run() },
]

// Options of a suite (`--events N`) are read by the suite itself, not taken for suite names.
var requested: [String] = []
var arguments = CommandLine.arguments.dropFirst()[...]
while let argument = arguments.popFirst() {
    if argument.hasPrefix("--") { _ = arguments.popFirst() } else { requested.append(argument) }
}
let names = requested.isEmpty ? suites.keys.sorted().filter { $0 != "payments-member" && $0 != "scale-console-process" && $0 != "scale-open-process" } : requested
for name in names {
    guard let suite = suites[name] else {
        FileHandle.standardError.write(Data("bank-bench: unknown suite \(name); known: \(suites.keys.sorted().joined(separator: ", "))\n".utf8))
        exit(2)
    }
    try await suite()
}
