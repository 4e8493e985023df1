/// Where a payment is in its state machine, as the console and `--json` name it.
public enum PaymentState: String, Codable, Sendable, Hashable, CaseIterable {
    case received, validated, screened, held, released, checked, settled, returned, failed, sent, accepted, rejected

    /// True for states a payment never leaves.
    public var isFinal: Bool {
        switch self {
        case .settled, .returned, .failed, .accepted, .rejected: true
        default: false
        }
    }
}

extension PaymentState {
    /// This state's place in `allCases`.
    var countIndex: Int {
        switch self {
        case .received: 0
        case .validated: 1
        case .screened: 2
        case .held: 3
        case .released: 4
        case .checked: 5
        case .settled: 6
        case .returned: 7
        case .failed: 8
        case .sent: 9
        case .accepted: 10
        case .rejected: 11
        }
    }
}
