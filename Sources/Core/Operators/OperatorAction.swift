/// Everything an operator can do to the bank, each with the role it needs.
///
/// The one table of who may do what: the command line, the console and the bank's own checks
/// all ask it. Reads need `viewer`, which every operator has.
public enum OperatorAction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Release a held payment below the four-eyes threshold.
    case release
    /// Reject a held payment below the four-eyes threshold.
    case reject
    /// The first of the two approvals a payment at or above the threshold needs.
    case firstApproval = "first-approval"
    /// The second approval of a payment at or above the threshold (it releases the payment).
    case secondApproval = "second-approval"
    case block
    case unblock
    case close
    /// Send an outbound payment.
    case send
    /// Add or remove a name on the sanctions list, or import a list.
    case changeSanctions = "change-sanctions"
    /// Change a setting such as the four-eyes threshold.
    case changeSettings = "change-settings"
    /// Add, remove or change the role of an operator.
    case manageOperators = "manage-operators"
    case resetProjection = "reset-projection"
    case replayParked = "replay-parked"
    /// Add synthetic accounts.
    case seed
    /// Forget a customer's personal data (delete the key that sealed it).
    case forgetCustomer = "forget-customer"

    public var description: String { rawValue }

    /// The least role that may do this.
    public var requiredRole: OperatorRole {
        switch self {
        case .release, .reject, .firstApproval, .block, .unblock, .send: .operator
        case .secondApproval, .close, .changeSanctions, .changeSettings, .manageOperators, .resetProjection, .replayParked, .seed,
             .forgetCustomer:
            .supervisor
        }
    }

    /// How a person would say it in a refusal: "release a held payment".
    public var phrase: String {
        switch self {
        case .release: "release a held payment"
        case .reject: "reject a held payment"
        case .firstApproval: "approve a held payment"
        case .secondApproval: "give the second approval of a payment at or above the four-eyes threshold"
        case .block: "block an account"
        case .unblock: "unblock an account"
        case .close: "close an account"
        case .send: "send a payment"
        case .changeSanctions: "change the sanctions list"
        case .changeSettings: "change the bank's settings"
        case .manageOperators: "manage operators"
        case .resetProjection: "reset a projection"
        case .replayParked: "replay parked messages"
        case .seed: "add synthetic accounts"
        case .forgetCustomer: "forget a customer's personal data"
        }
    }
}
