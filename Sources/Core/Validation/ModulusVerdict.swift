/// The answer of a modulus check: valid (and why), or invalid with the check that failed.
public enum ModulusVerdict: Sendable, Hashable, CustomStringConvertible {
    case valid(Pass)
    case invalid(Failure)

    /// Why an account number is accepted.
    public enum Pass: Sendable, Hashable {
        /// Every check it needed passed: the algorithms run, in order (with their exceptions).
        case checked([CheckedStep])
        /// No rule covers the sort code, so it cannot be checked and is treated as valid.
        case noRule
        /// Exception 6: a foreign-currency account (a = 4…8 and g = h), which is not checked.
        case foreignCurrency
    }

    /// One check that ran.
    public struct CheckedStep: Sendable, Hashable, CustomStringConvertible {
        public var algorithm: ModulusRule.Algorithm
        public var exception: Int?
        /// The weighted total, after any exception's adjustment (exception 1's 27 included).
        public var total: Int
        /// What the test compared: the remainder (10 or 11), or the check digit it had to equal.
        public var remainder: Int
        /// The sort code the check used, when an exception substituted another (5, 8, 9).
        public var substitutedSortCode: Int?
        /// Exception 14: the account number was shifted right before this check.
        public var shifted = false

        public var description: String {
            var text = algorithm.rawValue
            if let exception { text += " (exception \(exception))" }
            if let substitutedSortCode { text += " with sort code \(ModulusChecker.sixDigits(substitutedSortCode))" }
            if shifted { text += " on the account number shifted right" }
            return text
        }
    }

    /// Why an account number is refused: the checks that failed (two when either would have done).
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var failed: [CheckedStep]

        public var description: String {
            let parts = failed.map { step in
                "\(step) remainder \(step.remainder) (total \(step.total))"
            }
            return failed.count > 1 ? "neither check passes: " + parts.joined(separator: "; ") : parts.joined()
        }
    }

    public var isValid: Bool {
        if case .valid = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .valid(.checked(let steps)): "passes " + steps.map(\.description).joined(separator: " and ")
        case .valid(.noRule): "no modulus rule for the sort code: it cannot be checked and is treated as valid"
        case .valid(.foreignCurrency): "a foreign-currency account (exception 6): not checked"
        case .invalid(let failure): "fails modulus check: " + failure.description
        }
    }
}
