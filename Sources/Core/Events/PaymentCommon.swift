import Foundation

/// Why a payment failed or was returned: a code for machines, a text for people.
public struct PaymentFailure: Codable, Sendable, Hashable {
    public enum Code: String, Codable, Sendable, Hashable {
        case invalidPayment = "InvalidPayment"
        case unknownAccount = "UnknownAccount"
        case accountBlocked = "AccountBlocked"
        case accountClosed = "AccountClosed"
        case insufficientFunds = "InsufficientFunds"
        case sanctionsRejected = "SanctionsRejected"
        case schemeRejected = "SchemeRejected"
        /// Crediting it would take the account's balance beyond `Money.max`.
        case balanceLimit = "BalanceLimit"
    }

    public var code: Code
    public var detail: String

    public init(code: Code, detail: String) {
        self.code = code
        self.detail = detail
    }
}

/// An operator's decision on a held payment: who, when, why.
public struct OperatorDecision: Codable, Sendable, Hashable {
    public var by: String
    public var at: Date
    public var reason: String

    public init(by: String, at: Date, reason: String) {
        self.by = by
        self.at = at
        self.reason = reason
    }
}
