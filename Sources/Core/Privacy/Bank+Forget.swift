import Foundation
import Store

/// What `forgetCustomer` did.
public enum ForgetOutcome: Sendable, Equatable {
    /// The key was deleted (its id) and `CustomerForgotten` recorded on the account.
    case forgotten(keyId: String)
    /// The customer had no key: nothing of theirs is sealed with a live key; nothing written.
    case alreadyForgotten
}

extension Bank {
    /// Forgets the personal data of an account's holder: records `CustomerForgotten` on the
    /// account, then deletes the key that sealed their name and the names on their payments,
    /// and the key of the saved read models (rebuilt at the next start without them).
    ///
    /// Amounts, ledgers, balances, statuses and the audit trail are untouched; every view then
    /// shows the sealed fields as `[forgotten]`. Idempotent: with no key left it writes
    /// nothing. Needs a supervisor; an unknown account is refused. Payments that arrive later
    /// are sealed with a new key (and screened as any other).
    public func forgetCustomer(sortCode: String, accountNumber: String, reason: String, by: String) async throws(BankError) -> ForgetOutcome {
        let id = try Self.parseAccount(sortCode: sortCode, accountNumber: accountNumber)
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .reasonRequired }
        let role = try authorize(.forgetCustomer, by: by)
        let folded = try reading { () throws(ViewError) in try views.accounts.state(of: BankStream.account(id).name) }
        guard folded.state.exists else { throw .unknownAccount(id) }
        guard let personalData = PersonalDataKeyring.personalData(for: store) else {
            throw .store(.io(path: "keys", reason: "this store has no key store: its personal data is not sealed, so it cannot be forgotten"))
        }
        let key: CustomerKey?
        do {
            key = try personalData.keys.currentKey(for: .customer(id), creating: false)
        } catch {
            throw .store(.io(path: "keys", reason: error.description))
        }
        guard let key else { return .alreadyForgotten }
        _ = try await execute(as: Self.operatorIdentity(.accounts, by), origin: .thisProcess(role: role)) { () throws(BankError) in
            let current = try reading { () throws(ViewError) in try views.accounts.state(of: BankStream.account(id).name) }
            let event = CustomerForgotten(account: id, keyId: key.id, reason: reason, by: by)
            return .success(Decision(stream: .account(id), expected: Decision.after(current.version),
                                     events: [PendingEvent(event, step: "forget:\(key.id)", correlationId: BankStream.account(id).name)]))
        }
        do {
            try personalData.forget(.customer(id))
            try personalData.forget(.readModels)
        } catch {
            throw .store(.io(path: "keys", reason: error.description))
        }
        views.forget(.account(id))
        return .forgotten(keyId: key.id)
    }
}
