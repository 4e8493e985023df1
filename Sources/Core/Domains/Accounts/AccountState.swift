import Foundation

/// What the bank knows of one of its accounts: the fold of its `Accounts-…` stream.
public struct AccountState: Sendable, Hashable {
    public var account: AccountID?
    public var holder: String
    public var status: AccountStatus

    /// Before `AccountOpened`: the account does not exist.
    public static let none = AccountState(account: nil, holder: "", status: .open)

    public init(account: AccountID?, holder: String, status: AccountStatus) {
        self.account = account
        self.holder = holder
        self.status = status
    }

    /// Whether the account was opened.
    public var exists: Bool { account != nil }

    /// Applies one event of the account's stream.
    public mutating func apply(_ event: BankEvent) {
        switch event {
        case .accountOpened(let e):
            account = e.account
            holder = e.holder
            status = .open
        case .accountBlocked: if status != .closed { status = .blocked }
        case .accountUnblocked: if status != .closed { status = .open }
        case .accountClosed: status = .closed
        default: break
        }
    }
}
