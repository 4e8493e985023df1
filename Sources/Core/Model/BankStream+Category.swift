extension BankStream {
    /// The category this stream is in.
    public var bankCategory: BankCategory {
        switch self {
        case .account: .accounts
        case .ledger: .ledger
        case .sanctionedNames: .sanctionedNames
        case .sanctionsSnapshots: .sanctionsSnapshots
        case .payment: .payments
        case .scheme: .scheme
        case .operators: .operators
        case .settings: .settings
        case .schedule: .scheduledPayments
        }
    }
}
