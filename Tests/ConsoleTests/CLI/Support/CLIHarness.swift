import Core
import Foundation
import Store
@testable import Console

/// Runs `bank-console` command lines in-process against in-memory stores.
struct CLIHarness {
    /// What one run printed and returned.
    struct Run: Equatable, CustomStringConvertible {
        var status: Int32
        var output: String
        var errors: String

        var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        var description: String { "status \(status)\nstdout:\n\(output)stderr:\n\(errors)" }
    }

    let stores = MemoryStoreProvider()
    let workingDirectory = URL(fileURLWithPath: "/work-under-test")
    /// The invented sanctions list by default: small, and what these tests name entries of.
    var variables: [String: String] = ["BANK_SEED_SANCTIONS": "fictional"]
    /// Whether a new store is seeded with the bundled bank, as in the real binary.
    var seedsNewStores = false
    /// The projections `projections` and `projection` register.
    var projections: @Sendable () -> [any Projection] = { [] }

    /// The store `--store DIR` (or the default) resolves to.
    func store(_ path: String = "bank-data") -> MemoryEventStore {
        stores.store(at: workingDirectory.appendingPathComponent(path).standardizedFileURL)
    }

    /// Runs `arguments` with `input` on standard input.
    func run(_ arguments: [String], input: String = "") async -> Run {
        let output = BufferedOutput()
        let errors = BufferedOutput()
        let environment = CommandEnvironment(
            standardOutput: output, standardError: errors, standardInput: .bytes(Data(input.utf8)),
            variables: variables, workingDirectory: workingDirectory, clock: stores.clock, stores: stores,
            seed: seedsNewStores ? BankSession.seed(clock: stores.clock, sanctions: SanctionsSeed.named(variables["BANK_SEED_SANCTIONS"]) ?? .ofac) : nil, projections: projections, console: nil)
        let status = await CommandLineTool(environment: environment).run(arguments)
        return Run(status: status, output: output.text, errors: errors.text)
    }

    /// Splits a command line at spaces (no quoting), for short literal tests.
    func run(_ line: String, input: String = "") async -> Run {
        await run(line.split(separator: " ").map(String.init), input: input)
    }
}
