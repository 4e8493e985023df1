import Foundation

/// The schemes' field rules of DOMAIN.md, shared by inbound and outbound validation.
public enum PaymentValidation {
    /// Longest name accepted.
    public static let maxNameLength = 50
    /// Longest reference accepted.
    public static let maxReferenceLength = 100

    /// The schemes' character set: ASCII letters, digits, space and `- . , ' / ? : ( ) +`.
    public static func isSchemeText(_ text: String) -> Bool {
        text.utf8.allSatisfy(isSchemeByte)
    }

    /// Whether a UTF-8 byte is a whole character of the scheme set (all of it is ASCII).
    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "'"), UInt8(ascii: "/"),
             UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"): true
        default: false
        }
    }

    /// Why `party` is malformed (`label` names it, e.g. "beneficiary"), or nil when valid.
    public static func problem(with party: PaymentParty, label: String) -> String? {
        if SortCode(party.sortCode) == nil || party.sortCode.count != 6 {
            return "\(label) sort code \"\(party.sortCode)\" is not 6 digits"
        }
        if AccountNumber(party.accountNumber) == nil {
            return "\(label) account number \"\(party.accountNumber)\" is not 8 digits"
        }
        return problem(withName: party.name, label: label)
    }

    /// Why a name is unacceptable, or nil.
    public static func problem(withName name: String, label: String) -> String? {
        if isSchemeText(name) {
            // All ASCII: a character is a byte, and the only whitespace is the space.
            if name.utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) { return "\(label) name is empty" }
            if name.utf8.count > maxNameLength { return "\(label) name is longer than \(maxNameLength) characters" }
            return nil
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "\(label) name is empty" }
        if name.count > maxNameLength { return "\(label) name is longer than \(maxNameLength) characters" }
        if !isSchemeText(name) { return "\(label) name has characters outside the scheme character set" }
        return nil
    }

    /// Why a reference is unacceptable, or nil.
    public static func problem(withReference reference: String) -> String? {
        if isSchemeText(reference) {
            return reference.utf8.count > maxReferenceLength ? "reference is longer than \(maxReferenceLength) characters" : nil
        }
        if reference.count > maxReferenceLength { return "reference is longer than \(maxReferenceLength) characters" }
        if !isSchemeText(reference) { return "reference has characters outside the scheme character set" }
        return nil
    }

    /// The checks every payment passes before its accounts are looked at: each of `parties`
    /// (with the label that names it), then the reference, then the amount (see `amount(_:)`).
    /// The first problem found is the failure, `invalidPayment`.
    public static func amount(_ text: String, parties: [(party: PaymentParty, label: String)], reference: String)
        -> Result<Money, PaymentFailure> {
        for (party, label) in parties {
            if let problem = problem(with: party, label: label) { return .failure(invalid(problem)) }
        }
        if let problem = problem(withReference: reference) { return .failure(invalid(problem)) }
        return amount(text)
    }

    /// An `invalidPayment` failure.
    static func invalid(_ detail: String) -> PaymentFailure { PaymentFailure(code: .invalidPayment, detail: detail) }

    /// The failure of a payment whose account is not one of this bank's.
    static func unknownAccount(_ account: AccountID) -> PaymentFailure {
        PaymentFailure(code: .unknownAccount, detail: "no account \(account) at this bank")
    }

    /// Why a payment to or from `account` fails when the account is in `status`: it is blocked
    /// or closed. Nil when it is open.
    static func failure(of account: AccountID, _ status: AccountStatus) -> PaymentFailure? {
        switch status {
        case .open: nil
        case .blocked: PaymentFailure(code: .accountBlocked, detail: "account \(account) is blocked")
        case .closed: PaymentFailure(code: .accountClosed, detail: "account \(account) is closed")
        }
    }

    /// The failure of a held payment an operator rejected.
    static func rejected(_ decision: OperatorDecision) -> PaymentFailure {
        PaymentFailure(code: .sanctionsRejected, detail: "rejected by \(decision.by): \(decision.reason)")
    }

    /// The amount if it is a positive sterling amount with at most two decimals, at most `Money.max`.
    public static func amount(_ text: String) -> Result<Money, PaymentFailure> {
        let money: Money
        switch Money.parse(text) {
        case .success(let parsed): money = parsed
        case .failure(.outOfRange):
            return .failure(PaymentFailure(code: .invalidPayment, detail: "amount \(text) is beyond \(Money.max.decimalString), the most the bank holds"))
        case .failure(.malformed):
            return .failure(PaymentFailure(code: .invalidPayment, detail: "amount \"\(text)\" is not a number with at most 2 decimals"))
        }
        guard money.pence > 0 else {
            return .failure(PaymentFailure(code: .invalidPayment, detail: "amount \(text) is not greater than zero"))
        }
        return .success(money)
    }
}
