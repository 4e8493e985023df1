import Foundation
import Store

/// N synthetic customer accounts, deterministic for a seed: UK names of the bank's customer
/// mix (`SyntheticNames`, written in the schemes' character set), the bank's own sort codes,
/// mostly open accounts, and opening balances spread as a retail bank's are (log-normal: most
/// in the hundreds or low thousands, a few much larger, some empty).
///
/// Account `i` of seed `s` always has the same sort code, number, holder, status and balance,
/// so seeding again with the same seed finds every account already there, and a larger count
/// adds only the accounts past the first run's. Numbers start at 40000000, away from the
/// bundled seeds (10000001…, 20000001…, 30000001…). A sequence generated lazily: memory does not grow with `count`.
public struct SyntheticAccounts: Sequence, Sendable {
    /// This bank's sort codes (those of the bundled seeds).
    public static let sortCodes = ["401234", "401235", "401236"].compactMap(SortCode.init)
    /// The first account number given.
    static let firstNumber = 40_000_000
    /// How many numbers each sort code has from `firstNumber` on.
    static let numbersPerSortCode = 60_000_000

    public let count: Int
    public let seed: UInt64

    public init(count: Int, seed: UInt64) {
        self.count = Swift.max(0, count)
        self.seed = seed
    }

    public func makeIterator() -> Iterator { Iterator(count: count, seed: seed) }

    /// Yields the accounts in order.
    public struct Iterator: IteratorProtocol {
        let count: Int
        let seed: UInt64
        var index = 0
        var names: SyntheticNames
        var random: SplitMix64

        init(count: Int, seed: UInt64) {
            self.count = count
            self.seed = seed
            names = SyntheticNames(seed: seed)
            random = SplitMix64(seed: seed ^ 0x5EED_ACC0_0000_0000)
        }

        public mutating func next() -> SeedAccount? {
            guard index < count else { return nil }
            defer { index += 1 }
            let sortCodes = SyntheticAccounts.sortCodes
            let sortCode = sortCodes[index % sortCodes.count]
            // Each seed starts at its own offset; consecutive indexes of one seed never collide.
            let offset = Int((seed &* 1_000_003) % UInt64(SyntheticAccounts.numbersPerSortCode))
            let number = SyntheticAccounts.firstNumber + (offset + index / sortCodes.count) % SyntheticAccounts.numbersPerSortCode
            // Force-unwrapped: 40000000 + (0..<60000000) is always eight digits.
            let account = AccountID(sortCode: sortCode, accountNumber: AccountNumber(String(number))!)
            let roll = random.next() % 1_000
            let status: AccountStatus = roll < 15 ? .blocked : roll < 20 ? .closed : .open
            return SeedAccount(account: account, holder: SyntheticAccounts.schemeName(names.name()), status: status,
                               openingBalance: Money(pence: openingBalance()))
        }

        /// Pence: zero for about 4 in 100; otherwise log-normal with a median near £1,200,
        /// capped at £2,000,000.
        mutating func openingBalance() -> Int64 {
            if random.next() % 100 < 4 { return 0 }
            // Box–Muller from two uniform draws in (0, 1].
            let u1 = (Double(random.next() >> 11) + 1) / 9_007_199_254_740_992
            let u2 = Double(random.next() >> 11) / 9_007_199_254_740_992
            let normal = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
            let pounds = Foundation.exp(Foundation.log(1_200) + 1.5 * normal)
            return Int64(Swift.min(pounds, 2_000_000) * 100)
        }
    }

    /// `name` in the schemes' character set: accents dropped, anything else outside the set
    /// left out, at most `PaymentValidation.maxNameLength` characters.
    static func schemeName(_ name: String) -> String {
        let folded = name.folding(options: .diacriticInsensitive, locale: nil)
        var result = String(folded.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "Ł": "L"
            case "ł": "l"
            case "ø": "o"
            case "Ø": "O"
            case "ß": "s"
            case "ı": "i"
            default: Character(scalar)
            }
        }.filter { PaymentValidation.isSchemeText(String($0)) })
        while result.contains("  ") { result = result.replacingOccurrences(of: "  ", with: " ") }
        result = String(result.trimmingCharacters(in: .whitespaces).prefix(PaymentValidation.maxNameLength))
        return result.isEmpty ? "Customer" : result
    }
}
