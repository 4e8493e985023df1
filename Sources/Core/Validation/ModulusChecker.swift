/// Vocalink's UK modulus checking (v7.70): MOD10, MOD11, double alternate and exceptions 1–14.
///
/// `check` looks up the sort code's rules (none: valid, it cannot be checked), runs the first
/// check and, when there is one, the second: both must pass, except for the pairs 2 & 9,
/// 10 & 11 and 12 & 13, where either will do. Pure and allocation-light (one 14-digit array
/// per check); thread-safe, a value.
public struct ModulusChecker: Sendable {
    public let table: ModulusTable

    public init(table: ModulusTable) {
        self.table = table
    }

    /// The checker over the bundled tables (`ModulusTable.bundled`).
    public static let bundled: Result<ModulusChecker, ModulusTableError> = ModulusTable.bundled.map(ModulusChecker.init)

    // Positions in the 14 digits u v w x y z a b c d e f g h.
    static let a = 6, b = 7, c = 8, g = 12, h = 13

    /// Exception 2's weights when a ≠ 0 and g ≠ 9, and when a ≠ 0 and g = 9.
    static let exception2Weights = [0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1]
    static let exception2WeightsG9 = [0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1]

    /// Checks an account.
    public func check(_ account: AccountID) -> ModulusVerdict {
        var digits = [Int](repeating: 0, count: 14)
        var index = 0
        for byte in account.sortCode.digits.utf8 { digits[index] = Int(byte &- 0x30); index += 1 }
        for byte in account.accountNumber.digits.utf8 { digits[index] = Int(byte &- 0x30); index += 1 }
        return check(digits: digits)
    }

    /// Checks 14 digits (sort code then account number), each 0…9.
    public func check(digits original: [Int]) -> ModulusVerdict {
        var sortCode = 0
        for index in 0..<6 { sortCode = sortCode * 10 + original[index] }
        let rules = table.rules(for: sortCode)
        guard let first = rules.first else { return .valid(.noRule) }
        var digits = original
        if rules.contains(where: { $0.exception == 6 }), (4...8).contains(digits[Self.a]), digits[Self.g] == digits[Self.h] {
            return .valid(.foreignCurrency)
        }
        var substituted: Int?
        if rules.contains(where: { $0.exception == 5 }), let substitute = table.substitutions[sortCode] {
            Self.setSortCode(substitute, in: &digits)
            substituted = substitute
        }

        var firstStep = evaluate(first, digits, substituted: substituted)
        guard rules.count > 1 else {
            if !firstStep.passed, first.exception == 14, [0, 1, 9].contains(digits[Self.h]) {
                // Exception 14: drop h, shift right, a becomes 0, and check again.
                var shifted = digits
                for index in stride(from: Self.h, to: Self.a, by: -1) { shifted[index] = shifted[index - 1] }
                shifted[Self.a] = 0
                firstStep = evaluate(first, shifted, substituted: substituted)
                firstStep.step.shifted = true
            }
            return firstStep.passed ? .valid(.checked([firstStep.step])) : .invalid(.init(failed: [firstStep.step]))
        }
        let second = rules[1]
        switch (first.exception, second.exception) {
        case (2, 9), (10, 11), (12, 13):
            if firstStep.passed { return .valid(.checked([firstStep.step])) }
            let secondStep = evaluate(second, digits, substituted: substituted)
            return secondStep.passed ? .valid(.checked([secondStep.step])) : .invalid(.init(failed: [firstStep.step, secondStep.step]))
        default:
            guard firstStep.passed else { return .invalid(.init(failed: [firstStep.step])) }
            if first.exception == 3 || second.exception == 3, digits[Self.c] == 6 || digits[Self.c] == 9 {
                return .valid(.checked([firstStep.step]))
            }
            let secondStep = evaluate(second, digits, substituted: substituted)
            return secondStep.passed ? .valid(.checked([firstStep.step, secondStep.step])) : .invalid(.init(failed: [secondStep.step]))
        }
    }

    /// One rule applied to the digits, with its exception's adjustments.
    func evaluate(_ rule: ModulusRule, _ input: [Int], substituted: Int?) -> (passed: Bool, step: ModulusVerdict.CheckedStep) {
        var digits = input
        var weights = rule.weights
        var usedSortCode = substituted
        switch rule.exception {
        case 2 where digits[Self.a] != 0:
            weights = digits[Self.g] == 9 ? Self.exception2WeightsG9 : Self.exception2Weights
        case 7 where digits[Self.g] == 9:
            for index in 0...Self.b { weights[index] = 0 }
        case 10 where (digits[Self.a] == 0 || digits[Self.a] == 9) && digits[Self.b] == 9 && digits[Self.g] == 9:
            for index in 0...Self.b { weights[index] = 0 }
        case 8:
            Self.setSortCode(90126, in: &digits)
            usedSortCode = 90126
        case 9:
            Self.setSortCode(309634, in: &digits)
            usedSortCode = 309634
        default:
            break
        }
        var total = 0
        if rule.algorithm == .doubleAlternate {
            for index in 0..<14 {
                var product = abs(digits[index] * weights[index])
                while product > 0 { total += product % 10; product /= 10 }
            }
            if rule.exception == 1 { total += 27 }
        } else {
            for index in 0..<14 { total += digits[index] * weights[index] }
        }
        let modulus = rule.algorithm == .mod11 ? 11 : 10
        // Swift's % keeps the dividend's sign; negative weights can make the total negative.
        let remainder = ((total % modulus) + modulus) % modulus
        let passed: Bool
        switch (rule.algorithm, rule.exception) {
        case (.mod11, 4):
            passed = remainder == digits[Self.g] * 10 + digits[Self.h]
        case (.mod11, 5):
            passed = remainder == 0 ? digits[Self.g] == 0 : remainder != 1 && 11 - remainder == digits[Self.g]
        case (.doubleAlternate, 5):
            passed = remainder == 0 ? digits[Self.h] == 0 : 10 - remainder == digits[Self.h]
        default:
            passed = remainder == 0
        }
        return (passed, .init(algorithm: rule.algorithm, exception: rule.exception, total: total, remainder: remainder,
                              substitutedSortCode: usedSortCode))
    }

    static func setSortCode(_ sortCode: Int, in digits: inout [Int]) {
        var rest = sortCode
        for index in stride(from: 5, through: 0, by: -1) {
            digits[index] = rest % 10
            rest /= 10
        }
    }

    /// `sortCode` as six digits, zero-padded.
    static func sixDigits(_ sortCode: Int) -> String {
        let text = String(sortCode)
        return String(repeating: "0", count: max(0, 6 - text.count)) + text
    }
}
