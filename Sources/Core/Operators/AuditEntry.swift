import Foundation

/// One operator action as the audit trail shows it: who, with which role, when, what, on
/// which payment, account or operator, why, and how it ended.
public struct AuditEntry: Sendable, Hashable {
    /// What was done: the names `audit --action` takes.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case release, reject, approve, block, unblock, close, send
        case sanctionsAdd = "sanctions-add"
        case sanctionsRemove = "sanctions-remove"
        case operatorAdd = "operator-add"
        case operatorRole = "operator-role"
        case operatorRemove = "operator-remove"
        case settings
        /// A customer's personal data forgotten (`forget-customer`).
        case forget
    }

    /// What the action was about.
    public enum Subject: Sendable, Hashable {
        case payment(UUID)
        case account(AccountID)
        case operatorName(String)
        case sanctionsEntry(String)
        case setting(String)

        public var text: String {
            switch self {
            case .payment(let id): id.lowercasedString
            case .account(let id): id.description
            case .operatorName(let name): name
            case .sanctionsEntry(let entry): entry
            case .setting(let name): name
            }
        }
    }

    /// The event's global position (the audit trail's order, newest first).
    public var position: UInt64
    public var at: Date
    public var by: String
    /// Role, host, OS user and process; nil for actions recorded before origins were.
    public var origin: OperatorOrigin?
    public var action: Action
    public var subject: Subject
    public var reason: String
    /// How it ended, in words: "released", "approved; needs a second operator", ...
    public var outcome: String
}
