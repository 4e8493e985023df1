import Core
import Foundation
import Store

/// `bank-bench validation`: Vocalink modulus checking.
///
/// `modulus.load`: parsing the bundled tables once (ms). `modulus.checks`: checks per second on
/// one core over 1,000,000 accounts drawn with SplitMix64 (seed 14): a sort code from the
/// table's ranges (a rule's start plus an offset inside its range) or, one time in eight, any
/// six digits (mostly no rule), and any eight digits; about 1 in 10 of them is valid.
/// `BANK_BENCH_CHECKS` changes the count.
enum ValidationBench {
    static func run() throws {
        let clock = ContinuousClock()
        let loadStart = clock.now
        let table = try ModulusTable.load(from: try bundledDirectory())
        let loadTime = clock.now - loadStart
        print("modulus.load\t\(String(format: "%.1f", milliseconds(loadTime)))\tms")

        let checker = ModulusChecker(table: table)
        let count = ProcessInfo.processInfo.environment["BANK_BENCH_CHECKS"].flatMap(Int.init) ?? 1_000_000
        let starts = try ruleStarts()
        var random = SplitMix64(seed: 14)
        var accounts: [AccountID] = []
        accounts.reserveCapacity(count)
        while accounts.count < count {
            let sortCode = random.next() % 8 == 0 ? Int(random.next() % 1_000_000) : starts[Int(random.next() % UInt64(starts.count))]
            let text = String(format: "%06d", sortCode)
            let number = String(format: "%08d", Int(random.next() % 100_000_000))
            if let account = AccountID(sortCode: text, accountNumber: number) { accounts.append(account) }
        }
        var valid = 0
        let start = clock.now
        for account in accounts where checker.check(account).isValid { valid += 1 }
        let seconds = milliseconds(clock.now - start) / 1_000
        print("modulus.checks\t\(Int(Double(count) / seconds))\tchecks/s")
        print("modulus.valid_share\t\(String(format: "%.1f", Double(valid) * 100 / Double(count)))\t%")
    }

    static func bundledDirectory() throws -> URL {
        guard let directory = BundledSeeds.directory?.appendingPathComponent("modulus") else { throw ModulusTableError.missingFile("seeds/modulus") }
        return directory
    }

    /// The first sort code of every rule line.
    static func ruleStarts() throws -> [Int] {
        let text = try String(contentsOf: try bundledDirectory().appendingPathComponent(ModulusTable.weightsFile), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in line.split(separator: " ").first.flatMap { Int($0) } }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }
}
