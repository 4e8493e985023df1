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

/// A key of the accounts-by-status JSON forms: a status, or `statusOf` in the form written
/// before (`AccountsByStatus`, `AccountStatusTally`).
struct AccountStatusKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ text: String) { stringValue = text }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension AccountsByStatus {
    private typealias Key = AccountStatusKey

    /// `{"blocked":[…],"closed":[…],"open":[…]}`: every status with its accounts sorted, so with
    /// sorted keys (as the projection host writes states) a grouping always encodes the same.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for status in AccountStatus.allCases {
            try container.encode(accounts(status), forKey: Key(status.rawValue))
        }
    }

    /// Reads that form, or the one written before it (`statusOf` as a list of pairs), so a
    /// projection state checkpointed by an earlier version still loads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if container.contains(Key("statusOf")) {
            let statusOf = try container.decode([AccountID: AccountStatus].self, forKey: Key("statusOf"))
            self.init(statuses: statusOf.map { ($0.key, $0.value) })
            return
        }
        var statuses: [(account: AccountID, status: AccountStatus)] = []
        for key in container.allKeys {
            guard let status = AccountStatus(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.stringValue) is not an account status")
            }
            statuses += try container.decode([AccountID].self, forKey: key).map { ($0, status) }
        }
        self.init(statuses: statuses)
    }
}

