import Foundation
import Store

/// N synthetic customer accounts, deterministic for a seed: UK names of the bank's customer
/// mix (`SyntheticNames`, written in the schemes' character set), the bank's own sort codes,
/// mostly open accounts, and opening balances spread as a retail bank's are (log-normal: most
/// in the hundreds or low thousands, a few much larger, some empty).
///
/// Account `i` of seed `s` always has the same sort code, number, holder, status and balance,
/// so seeding again with the same seed finds every account already there, and a larger count
/// adds only the accounts past the first run's. Every number passes Vocalink's modulus check:
/// each sort code's numbers are the valid ones from the seed's offset on, above 40000000 (away
/// from the bundled seeds). About one number in 110 is valid on these sort codes, so the first
/// `perSortCode × 3` accounts use the bundled seeds' 40-12-34/35/36 and later ones the next
/// three of 40-12-00…65 (10 M accounts fit). A sequence generated lazily: memory does not grow
/// with `count`.
public struct SyntheticAccounts: Sequence, Sendable {
    /// This bank's sort codes: those of the bundled seeds first, then the rest of 40-12-00…65.
    public static let sortCodes = (["401234", "401235", "401236"]
        + (401_200...401_265).map(String.init).filter { !["401234", "401235", "401236"].contains($0) }).compactMap(SortCode.init)
    /// Accounts given each sort code before the next three take over (160,000).
    static let defaultPerSortCode = 160_000
    /// The first account number given.
    static let firstNumber = 40_000_000
    /// How many numbers each sort code has from `firstNumber` on.
    static let numbersPerSortCode = 60_000_000

    public let count: Int
    public let seed: UInt64
    let perSortCode: Int
    let checker: ModulusChecker

    /// Throws when the bundled modulus tables do not load or give a sort code no valid number.
    /// At most 10,560,000 accounts (22 groups of three sort codes) are generated.
    public init(count: Int, seed: UInt64) throws(ModulusTableError) {
        try self.init(count: count, seed: seed, perSortCode: Self.defaultPerSortCode)
    }

    /// As above with a smaller capacity per sort code, so tests reach the next group quickly.
    init(count: Int, seed: UInt64, perSortCode: Int) throws(ModulusTableError) {
        self.perSortCode = Swift.max(1, perSortCode)
        self.count = Swift.max(0, Swift.min(count, Self.sortCodes.count / 3 * 3 * self.perSortCode))
        self.seed = seed
        checker = try ModulusChecker.bundled.get()
        let used = Swift.min(Self.sortCodes.count, (self.count + self.perSortCode - 1) / self.perSortCode + 3)
        for sortCode in Self.sortCodes.prefix(used)
        where checker.firstValidNumber(sortCode: sortCode, from: Self.firstNumber, in: Self.numberRange, limit: 10_000) == nil {
            throw .malformed(file: ModulusTable.weightsFile, line: 0, reason: "no valid account number for sort code \(sortCode)")
        }
    }

    /// The numbers synthetic accounts take.
    static var numberRange: ClosedRange<Int> { firstNumber...(firstNumber + numbersPerSortCode - 1) }

    public func makeIterator() -> Iterator { Iterator(count: count, seed: seed, perSortCode: perSortCode, checker: checker) }

    /// Yields the accounts in order.
    public struct Iterator: IteratorProtocol {
        let count: Int
        let seed: UInt64
        let perSortCode: Int
        let checker: ModulusChecker
        var index = 0
        var names: SyntheticNames
        var random: SplitMix64
        /// The next number to try on each of the current three sort codes.
        var cursors: [Int] = []

        init(count: Int, seed: UInt64, perSortCode: Int, checker: ModulusChecker) {
            self.count = count
            self.seed = seed
            self.perSortCode = perSortCode
            self.checker = checker
            names = SyntheticNames(seed: seed)
            random = SplitMix64(seed: seed ^ 0x5EED_ACC0_0000_0000)
        }

        public mutating func next() -> SeedAccount? {
            guard index < count else { return nil }
            defer { index += 1 }
            let perGroup = 3 * perSortCode
            let (group, within) = index.quotientAndRemainder(dividingBy: perGroup)
            if within == 0 {
                // Each seed starts at its own offset; one seed's numbers on a sort code only rise
                // (about 110 numbers per account, 17.6 M of the 60 M), so they never collide.
                let offset = Int((seed &* 7_000_003) % UInt64(SyntheticAccounts.numbersPerSortCode))
                cursors = Array(repeating: SyntheticAccounts.firstNumber + offset, count: 3)
            }
            let lane = within % 3
            let sortCode = SyntheticAccounts.sortCodes[group * 3 + lane]
            // The initialiser found a valid number on every sort code used, and the search
            // covers the whole range, so it always finds one.
            guard let number = checker.firstValidNumber(sortCode: sortCode, from: cursors[lane], in: SyntheticAccounts.numberRange,
                                                        limit: SyntheticAccounts.numbersPerSortCode) else { return nil }
            cursors[lane] = (Int(number.digits) ?? cursors[lane]) + 1
            let account = AccountID(sortCode: sortCode, accountNumber: number)
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
