import Store

/// Read model (and the original demo's planned custom projection): accounts grouped by status.
public struct AccountsByStatus: Codable, Sendable, Hashable {
    private var statusOf: [AccountID: AccountStatus] = [:]
    /// Accounts in each status.
    public private(set) var accounts: [AccountStatus: Set<AccountID>] = [:]

    public init() {}

    /// The grouping of accounts whose current statuses are `statuses` (each account once).
    init(statuses: [(account: AccountID, status: AccountStatus)]) {
        for (account, status) in statuses {
            statusOf[account] = status
            accounts[status, default: []].insert(account)
        }
    }

    /// Equal when every account has the same status (a status left with no accounts is the
    /// same as one never used).
    public static func == (lhs: AccountsByStatus, rhs: AccountsByStatus) -> Bool { lhs.statusOf == rhs.statusOf }

    public func hash(into hasher: inout Hasher) { hasher.combine(statusOf) }

    /// Number of accounts with `status`.
    public func count(_ status: AccountStatus) -> Int { accounts[status]?.count ?? 0 }

    /// Accounts with `status`, sorted.
    public func accounts(_ status: AccountStatus) -> [AccountID] { (accounts[status] ?? []).sorted() }

    public func status(of account: AccountID) -> AccountStatus? { statusOf[account] }

    public mutating func apply(_ event: BankEvent) {
        switch event {
        case .accountOpened(let e) where statusOf[e.account] == nil: move(e.account, to: .open)
        case .accountBlocked(let e): move(e.account, to: .blocked)
        case .accountUnblocked(let e): move(e.account, to: .open)
        case .accountClosed(let e): move(e.account, to: .closed)
        default: break
        }
    }

    private mutating func move(_ account: AccountID, to status: AccountStatus) {
        if let current = statusOf[account] {
            guard current != status else { return }
            accounts[current]?.remove(account)
        } else if status != .open {
            return  // a status change for an account never opened
        }
        statusOf[account] = status
        accounts[status, default: []].insert(account)
    }
}
