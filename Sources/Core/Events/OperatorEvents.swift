import Foundation

/// `Operators`: a person became an operator of the bank, with a role.
public struct OperatorAdded: BankEventType {
    public static let eventType = "OperatorAdded"
    public var wrapped: BankEvent { .operatorAdded(self) }
    public var name: String
    public var role: OperatorRole
    /// Who added them (the bank's creator adds themself).
    public var by: String
    public var reason: String

    public init(name: String, role: OperatorRole, by: String, reason: String) {
        self.name = name
        self.role = role
        self.by = by
        self.reason = reason
    }
}

/// `Operators`: an operator's role changed.
public struct OperatorRoleChanged: BankEventType {
    public static let eventType = "OperatorRoleChanged"
    public var wrapped: BankEvent { .operatorRoleChanged(self) }
    public var name: String
    public var from: OperatorRole
    public var to: OperatorRole
    public var by: String
    public var reason: String

    public init(name: String, from: OperatorRole, to: OperatorRole, by: String, reason: String) {
        self.name = name
        self.from = from
        self.to = to
        self.by = by
        self.reason = reason
    }
}

/// `Operators`: a person is no longer an operator.
public struct OperatorRemoved: BankEventType {
    public static let eventType = "OperatorRemoved"
    public var wrapped: BankEvent { .operatorRemoved(self) }
    public var name: String
    public var by: String
    public var reason: String

    public init(name: String, by: String, reason: String) {
        self.name = name
        self.by = by
        self.reason = reason
    }
}

/// `BankSettings`: releasing a held payment of this amount or more needs two operators.
public struct FourEyesThresholdSet: BankEventType {
    public static let eventType = "FourEyesThresholdSet"
    public var wrapped: BankEvent { .fourEyesThresholdSet(self) }
    public var amount: Money
    public var by: String
    public var reason: String

    public init(amount: Money, by: String, reason: String) {
        self.amount = amount
        self.by = by
        self.reason = reason
    }
}
