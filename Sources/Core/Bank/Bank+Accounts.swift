import Foundation
import Store

extension Bank {
    /// Blocks one of the bank's accounts: payments to and from it fail until it is unblocked.
    public func block(sortCode: String, accountNumber: String, reason: String, by: String = "operator") async throws(BankError) {
        try await change(.block, sortCode: sortCode, accountNumber: accountNumber, reason: reason, by: by)
    }

    /// Unblocks a blocked account.
    public func unblock(sortCode: String, accountNumber: String, reason: String, by: String = "operator") async throws(BankError) {
        try await change(.unblock, sortCode: sortCode, accountNumber: accountNumber, reason: reason, by: by)
    }

    /// Closes an account for good.
    public func close(sortCode: String, accountNumber: String, reason: String, by: String = "operator") async throws(BankError) {
        try await change(.close, sortCode: sortCode, accountNumber: accountNumber, reason: reason, by: by)
    }

    /// The current state of one of the bank's accounts and its balance.
    public func account(sortCode: String, accountNumber: String) throws(BankError) -> (state: AccountState, balance: Money) {
        let id = try Self.parseAccount(sortCode: sortCode, accountNumber: accountNumber)
        let state = try reading { () throws(ViewError) in try views.account(id) }
        guard state.exists else { throw .unknownAccount(id) }
        return (state, try reading { () throws(ViewError) in try views.ledger(id).state.balance })
    }

    private func change(_ command: AccountCommand, sortCode: String, accountNumber: String, reason: String, by: String) async throws(BankError) {
        let id = try Self.parseAccount(sortCode: sortCode, accountNumber: accountNumber)
        let action: OperatorAction = switch command {
        case .block: .block
        case .unblock: .unblock
        case .close: .close
        }
        let actingRole = try authorize(action, by: by)
        _ = try await execute(as: Self.operatorIdentity(.accounts, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            let folded = try reading { () throws(ViewError) in try views.accounts.state(of: BankStream.account(id).name) }
            return AccountCommands.decide(command, account: id, state: folded.state, version: folded.version, reason: reason, by: by)
        }
    }
}
