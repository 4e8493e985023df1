import Foundation
import Store

/// Managing operators and settings as pure functions of their streams' folds. A refusal writes
/// nothing.
public enum OperatorCommands {
    /// The longest operator name.
    public static let maxNameLength = 64

    /// Checks a name: 1 to 64 letters, digits, `.`, `_`, `-` or `@` (a login name, an email).
    public static func validate(name: String) -> BankError? {
        if name.isEmpty { return .invalidOperatorName("the name is empty") }
        if name.count > maxNameLength { return .invalidOperatorName("longer than \(maxNameLength) characters") }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        if name.unicodeScalars.contains(where: { !allowed.contains($0) }) {
            return .invalidOperatorName("\"\(name)\" has characters other than letters, digits, '.', '_', '-' and '@'")
        }
        return nil
    }

    /// The first operator of a bank whose roster is empty: whoever creates it (or, on a bank
    /// from before operators were recorded, whoever acts on it first) becomes a supervisor.
    public static func bootstrap(_ name: String, roster: OperatorRoster) -> Result<Decision, BankError> {
        if let refusal = validate(name: name) { return .failure(refusal) }
        let added = OperatorAdded(name: name, role: .supervisor, by: name, reason: "the first operator of this bank")
        return .success(Decision(stream: .operators, expected: Decision.after(roster.version),
                                 events: [PendingEvent(added, step: "bootstrap", correlationId: "operators")]))
    }

    /// Adds `name` with `role`, or changes their role; never leaves the bank without a supervisor.
    public static func add(_ name: String, role: OperatorRole, reason: String, by: String, roster: OperatorRoster) -> Result<Decision, BankError> {
        if let refusal = validate(name: name) { return .failure(refusal) }
        let event: PendingEvent
        switch roster.role(of: name) {
        case role?:
            return .failure(.operatorUnchanged(name: name, role: role))
        case let current?:
            if current == .supervisor, roster.supervisors == [name] { return .failure(.lastSupervisor(name)) }
            event = PendingEvent(OperatorRoleChanged(name: name, from: current, to: role, by: by, reason: reason),
                                 step: "role:\(name)", correlationId: "operators")
        case nil:
            event = PendingEvent(OperatorAdded(name: name, role: role, by: by, reason: reason), step: "add:\(name)", correlationId: "operators")
        }
        return .success(Decision(stream: .operators, expected: Decision.after(roster.version), events: [event]))
    }

    /// Removes `name`; the last supervisor stays.
    public static func remove(_ name: String, reason: String, by: String, roster: OperatorRoster) -> Result<Decision, BankError> {
        guard let role = roster.role(of: name) else { return .failure(.unknownOperator(name)) }
        if role == .supervisor, roster.supervisors == [name] { return .failure(.lastSupervisor(name)) }
        let removed = OperatorRemoved(name: name, by: by, reason: reason)
        return .success(Decision(stream: .operators, expected: Decision.after(roster.version),
                                 events: [PendingEvent(removed, step: "remove:\(name)", correlationId: "operators")]))
    }

    /// Sets the four-eyes threshold (a positive amount).
    public static func setFourEyesThreshold(_ amount: Money, reason: String, by: String, settings: BankSettings) -> Result<Decision, BankError> {
        let set = FourEyesThresholdSet(amount: amount, by: by, reason: reason)
        return .success(Decision(stream: .settings, expected: Decision.after(settings.version),
                                 events: [PendingEvent(set, step: "four-eyes", correlationId: "settings")]))
    }

    /// Sets the score (0–100) at or above which screening holds a payment; refuses one outside
    /// `BankSettings.screeningHoldRange` and writes nothing then.
    public static func setScreeningThreshold(holdAt: Int, reason: String, by: String, settings: BankSettings) -> Result<Decision, BankError> {
        guard BankSettings.screeningHoldRange.contains(holdAt) else { return .failure(.screeningThresholdOutOfRange(holdAt)) }
        let set = ScreeningThresholdSet(holdAt: holdAt, by: by, reason: reason)
        return .success(Decision(stream: .settings, expected: Decision.after(settings.version),
                                 events: [PendingEvent(set, step: "screening-hold-at", correlationId: "settings")]))
    }
}

extension OperatorRoster {
    /// The names of the supervisors, sorted.
    public var supervisors: [String] { roles.filter { $0.value == .supervisor }.keys.sorted() }
}
