import Foundation
import Store

/// An operator's change of an account's status.
public enum AccountCommand: String, Sendable, Hashable, CaseIterable {
    case block, unblock, close
}

/// The Accounts domain's commands as a pure function of the account's stream.
public enum AccountCommands {
    /// The events for `command`, or why it is refused.
    public static func decide(_ command: AccountCommand, account: AccountID, state: AccountState, version: Int64?,
                              reason: String, by: String) -> Result<Decision, BankError> {
        guard state.exists, let version else { return .failure(.unknownAccount(account)) }
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { return .failure(.reasonRequired) }
        let correlation = BankStream.account(account).name
        func decision<E: BankEventType>(_ event: E) -> Result<Decision, BankError> {
            .success(Decision(stream: .account(account), expected: .exact(version),
                              events: [PendingEvent(event, step: "\(command.rawValue)@\(version)", correlationId: correlation)]))
        }
        if state.status == .closed { return .failure(.accountClosed(account)) }
        switch command {
        case .block:
            guard state.status != .blocked else { return .failure(.accountStatusUnchanged(account, .blocked)) }
            return decision(AccountBlocked(account: account, reason: reason, by: by))
        case .unblock:
            guard state.status == .blocked else { return .failure(.accountStatusUnchanged(account, .open)) }
            return decision(AccountUnblocked(account: account, reason: reason, by: by))
        case .close:
            return decision(AccountClosed(account: account, reason: reason, by: by))
        }
    }
}
