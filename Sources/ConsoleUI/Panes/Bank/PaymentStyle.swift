import Core

extension PaymentState {
    /// The colour role of a payment in this state.
    var role: Role {
        switch self {
        case .settled, .accepted: .good
        case .returned, .failed, .rejected: .bad
        case .held: .warn
        case .received, .validated, .screened, .released, .checked, .sent: .info
        }
    }
}

extension AccountStatus {
    var role: Role {
        switch self {
        case .open: .normal
        case .blocked: .warn
        case .closed: .bad
        }
    }
}

extension Money {
    /// `£1,204.00`, or `GBP 1,204.00` when drawing in ASCII.
    func text(ascii: Bool) -> String { Text.money(pence: pence, ascii: ascii) }
}
