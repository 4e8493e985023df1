import Foundation
import Store

extension Bank {
    /// The bank's operators and their roles.
    public func operators() throws(BankError) -> OperatorRoster {
        try OperatorRoster.load(from: store)
    }

    /// The bank's settings.
    public func settings() throws(BankError) -> BankSettings {
        try BankSettings.load(from: store)
    }

    /// Refuses `action` unless `name`'s role covers it; nothing is written.
    /// - Returns: the operator's role.
    @discardableResult
    public func authorize(_ action: OperatorAction, by name: String) throws(BankError) -> OperatorRole {
        let roster = try operators()
        if let refusal = roster.refusal(of: action, by: name) { throw refusal }
        return roster.role(of: name) ?? .viewer
    }

    /// Makes `name` the first operator (a supervisor) of a bank that has none; does nothing
    /// when the bank already has operators (another process may have got there first).
    public func addFirstOperator(_ name: String) async throws(BankError) {
        do throws(BankError) {
            _ = try await execute(as: Self.operatorIdentity(.administration, name), origin: .thisProcess(role: .supervisor)) { () throws(BankError) in
                let roster = try operators()
                guard roster.isEmpty else { return .failure(.operatorUnchanged(name: name, role: roster.role(of: name) ?? .viewer)) }
                return OperatorCommands.bootstrap(name, roster: roster)
            }
        } catch .operatorUnchanged {
            return
        }
    }

    /// Adds an operator, or changes their role (supervisor only).
    public func addOperator(_ name: String, role: OperatorRole, reason: String, by: String) async throws(BankError) {
        let actingRole = try authorize(.manageOperators, by: by)
        _ = try await execute(as: Self.operatorIdentity(.administration, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            OperatorCommands.add(name, role: role, reason: reason, by: by, roster: try operators())
        }
    }

    /// Removes an operator (supervisor only); the last supervisor cannot be removed.
    public func removeOperator(_ name: String, reason: String, by: String) async throws(BankError) {
        let actingRole = try authorize(.manageOperators, by: by)
        _ = try await execute(as: Self.operatorIdentity(.administration, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            OperatorCommands.remove(name, reason: reason, by: by, roster: try operators())
        }
    }

    /// Sets the amount at or above which a release needs two operators (supervisor only).
    public func setFourEyesThreshold(_ amount: Money, reason: String, by: String) async throws(BankError) {
        let actingRole = try authorize(.changeSettings, by: by)
        _ = try await execute(as: Self.operatorIdentity(.administration, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            OperatorCommands.setFourEyesThreshold(amount, reason: reason, by: by, settings: try settings())
        }
    }

    /// Sets the score (0–100) at or above which screening holds a payment (supervisor only);
    /// the screening applies it from the next payment. Refuses a score outside
    /// `BankSettings.screeningHoldRange`, writing nothing.
    public func setScreeningThreshold(holdAt: Int, reason: String, by: String) async throws(BankError) {
        let actingRole = try authorize(.changeSettings, by: by)
        _ = try await execute(as: Self.operatorIdentity(.administration, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            OperatorCommands.setScreeningThreshold(holdAt: holdAt, reason: reason, by: by, settings: try settings())
        }
    }
}
