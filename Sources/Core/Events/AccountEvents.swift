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

/// An operator changed an account's status: which account, why and by whom. The one
/// declaration of the three events that do (`AccountBlocked`, `AccountUnblocked`,
/// `AccountClosed`), which differ only in their name and `BankEvent` case, given by `Change`.
/// Each is stored as its own type, with the same JSON members.
public struct AccountStatusChange<Change: AccountStatusChangeKind>: BankEventType {
    public static var eventType: String { Change.eventType }
    public var wrapped: BankEvent { Change.wrap(self) }
    public var account: AccountID
    public var reason: String
    public var by: String

    public init(account: AccountID, reason: String, by: String) {
        self.account = account
        self.reason = reason
        self.by = by
    }
}

/// Which change an `AccountStatusChange` records: its stored type name and its `BankEvent` case.
public protocol AccountStatusChangeKind: Sendable {
    static var eventType: String { get }
    static func wrap(_ event: AccountStatusChange<Self>) -> BankEvent
}

/// An account was blocked: inbound and outbound payments to it fail.
public typealias AccountBlocked = AccountStatusChange<AccountBlocking>

/// A blocked account was unblocked.
public typealias AccountUnblocked = AccountStatusChange<AccountUnblocking>

/// An account was closed for good.
public typealias AccountClosed = AccountStatusChange<AccountClosing>

/// Names `AccountBlocked`.
public enum AccountBlocking: AccountStatusChangeKind {
    public static let eventType = "AccountBlocked"
    public static func wrap(_ event: AccountBlocked) -> BankEvent { .accountBlocked(event) }
}

/// Names `AccountUnblocked`.
public enum AccountUnblocking: AccountStatusChangeKind {
    public static let eventType = "AccountUnblocked"
    public static func wrap(_ event: AccountUnblocked) -> BankEvent { .accountUnblocked(event) }
}

/// Names `AccountClosed`.
public enum AccountClosing: AccountStatusChangeKind {
    public static let eventType = "AccountClosed"
    public static func wrap(_ event: AccountClosed) -> BankEvent { .accountClosed(event) }
}
