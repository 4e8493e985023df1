extension PaymentValidation {
    /// The reason a payment's account fails Vocalink's modulus check, or nil when it passes
    /// (or its sort code has no rule). `label` names the party, e.g. "beneficiary".
    ///
    /// The detail starts with `fails modulus check`. When the bundled tables do not load, every
    /// account is reported as not checkable, so nothing is let through unchecked.
    public static func modulusProblem(_ account: AccountID, label: String) -> String? {
        switch ModulusChecker.bundled {
        case .failure(let error):
            return "fails modulus check: \(label) account \(account) cannot be checked (\(error))"
        case .success(let checker):
            guard case .invalid(let failure) = checker.check(account) else { return nil }
            return "fails modulus check: \(label) account \(account): \(failure)"
        }
    }
}
