/// The status of an account.
public enum AccountStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case open
    case blocked
    case closed
}

/// `Accounts-{sortCode}-{accountNumber}`: an account was opened. Its opening balance is
/// posted as the first ledger entry, not kept here.
public struct AccountOpened: BankEventType {
    public static let eventType = "AccountOpened"
    public var wrapped: BankEvent { .accountOpened(self) }
    public var account: AccountID
    public var holder: String

    public init(account: AccountID, holder: String) {
        self.account = account
        self.holder = holder
    }
}

/// An account was blocked: inbound and outbound payments to it fail.
public struct AccountBlocked: BankEventType {
    public static let eventType = "AccountBlocked"
    public var wrapped: BankEvent { .accountBlocked(self) }
    public var account: AccountID
    public var reason: String
    public var by: String

    public init(account: AccountID, reason: String, by: String) {
        self.account = account
        self.reason = reason
        self.by = by
    }
}

/// A blocked account was unblocked.
public struct AccountUnblocked: BankEventType {
    public static let eventType = "AccountUnblocked"
    public var wrapped: BankEvent { .accountUnblocked(self) }
    public var account: AccountID
    public var reason: String
    public var by: String

    public init(account: AccountID, reason: String, by: String) {
        self.account = account
        self.reason = reason
        self.by = by
    }
}

/// An account was closed for good.
public struct AccountClosed: BankEventType {
    public static let eventType = "AccountClosed"
    public var wrapped: BankEvent { .accountClosed(self) }
    public var account: AccountID
    public var reason: String
    public var by: String

    public init(account: AccountID, reason: String, by: String) {
        self.account = account
        self.reason = reason
        self.by = by
    }
}
