import Foundation

/// `Accounts-{sortCode}-{accountNumber}`: a supervisor had the bank forget the account
/// holder's personal data: the key that sealed their name, and the names on their payments, was
/// deleted (see `Core/Privacy`). Carries no personal data itself; amounts, ledgers and the
/// account's status are untouched.
public struct CustomerForgotten: BankEventType {
    public static let eventType = "CustomerForgotten"
    public var wrapped: BankEvent { .customerForgotten(self) }
    public var account: AccountID
    /// The id of the key deleted (`OWNER.RANDOM`): what was sealed with it no longer opens.
    public var keyId: String
    public var reason: String
    public var by: String

    public init(account: AccountID, keyId: String, reason: String, by: String) {
        self.account = account
        self.keyId = keyId
        self.reason = reason
        self.by = by
    }
}
