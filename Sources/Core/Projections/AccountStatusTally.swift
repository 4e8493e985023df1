import Store

/// The `accounts-by-status` projection's state: how many accounts are open, and which accounts
/// are blocked or closed.
///
/// Open accounts are only counted: a bank of a million customers has a million of them, and a
/// state that listed them would be rewritten whole at every checkpoint and held in memory by
/// every console. Blocked and closed accounts are few and are what an operator looks for, so
/// they are listed. The fold relies on what the accounts domain guarantees on each account's
/// stream: an account is opened once, before anything else happens to it.
public struct AccountStatusTally: Codable, Sendable, Hashable {
    /// Open accounts.
    public private(set) var open = 0
    /// Every account that is not open, with its status.
    private var notOpen: [AccountID: AccountStatus] = [:]

    public init() {}

    /// Number of accounts with `status`.
    public func count(_ status: AccountStatus) -> Int {
        status == .open ? open : notOpen.values.reduce(0) { $0 + ($1 == status ? 1 : 0) }
    }

    /// The accounts with `status`, sorted; nil for `.open`, which is only counted.
    public func accounts(_ status: AccountStatus) -> [AccountID]? {
        status == .open ? nil : notOpen.filter { $0.value == status }.keys.sorted()
    }

    public mutating func apply(_ event: BankEvent) {
        switch event {
        case .accountOpened: open += 1
        case .accountBlocked(let e): move(e.account, to: .blocked)
        case .accountUnblocked(let e): move(e.account, to: .open)
        case .accountClosed(let e): move(e.account, to: .closed)
        default: break
        }
    }

    private mutating func move(_ account: AccountID, to status: AccountStatus) {
        let current = notOpen[account] ?? .open
        guard current != status else { return }
        if current == .open { open -= 1 }
        if status == .open {
            notOpen[account] = nil
            open += 1
        } else {
            notOpen[account] = status
        }
    }
}

extension AccountStatusTally {
    private typealias Key = AccountStatusKey

    /// `{"blocked":[…],"closed":[…],"open":20}`: the listed statuses with their accounts sorted
    /// and the open ones as a count, so with sorted keys a state always encodes the same.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for status in AccountStatus.allCases {
            if let accounts = accounts(status) {
                try container.encode(accounts, forKey: Key(status.rawValue))
            } else {
                try container.encode(open, forKey: Key(status.rawValue))
            }
        }
    }

    /// Reads that form, or the one `AccountsByStatus` wrote before (every status with its
    /// accounts listed, open ones too), so a checkpoint written by an earlier version resumes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        for key in container.allKeys {
            guard let status = AccountStatus(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.stringValue) is not an account status")
            }
            if status == .open {
                if let count = try? container.decode(Int.self, forKey: key) {
                    guard count >= 0 else { throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "a negative count of open accounts") }
                    open = count
                } else {
                    open = try container.decode([AccountID].self, forKey: key).count
                }
            } else {
                for account in try container.decode([AccountID].self, forKey: key) { notOpen[account] = status }
            }
        }
    }
}
