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
