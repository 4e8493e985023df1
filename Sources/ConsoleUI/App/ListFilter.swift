import Core
import Foundation
import Store

/// What `/` filters by in each list pane: the text typed, matched case-insensitively against
/// what the row shows. One place so every pane's filter means the same.
enum ListFilter {
    /// The typed text as it is matched: trimmed and lower-cased; empty means no filter.
    static func needle(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A payment matches by id prefix, either name, the account holder, the reference, or
    /// the beneficiary's sort code and account number.
    static func matches(_ payment: PaymentSummary, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return true }
        return payment.id.uuidString.lowercased().hasPrefix(needle)
            || payment.from.name.lowercased().contains(needle)
            || payment.to.name.lowercased().contains(needle)
            || payment.reference.lowercased().contains(needle)
            || (payment.accountHolder ?? "").lowercased().contains(needle)
            || "\(Text.sortCode(payment.to.sortCode)) \(payment.to.accountNumber)".contains(needle)
            || "\(payment.to.sortCode) \(payment.to.accountNumber)".contains(needle)
    }

    /// An account matches by holder, sort code (with or without dashes), number or status.
    static func matches(_ account: AccountSummary, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return true }
        if account.status.rawValue == needle || account.holder.lowercased().contains(needle) { return true }
        // The numbers only for a needle of digits, dashes and spaces (it is checked on every account of a bank).
        guard needle.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x20 }) else { return false }
        return "\(account.id.sortCode) \(account.id.accountNumber)".contains(needle)
            || "\(account.id.sortCode.digits) \(account.id.accountNumber.digits)".contains(needle)
    }

    /// A subscription group matches by group name or source.
    static func matches(_ group: PersistentGroupStats, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return true }
        return group.group.lowercased().contains(needle) || group.source.lowercased().contains(needle)
    }

    /// A projection matches by name, source or status.
    static func matches(_ projection: ProjectionRow, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return true }
        return projection.name.lowercased().contains(needle) || projection.source.lowercased().contains(needle)
            || projection.status.runState.rawValue.lowercased() == needle
    }

    /// An audit entry matches by who, role, action, subject (a payment by id prefix), reason or outcome.
    static func matches(_ entry: AuditEntry, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return true }
        return entry.by.lowercased().contains(needle)
            || (entry.origin?.role.rawValue ?? "").hasPrefix(needle)
            || entry.action.rawValue.contains(needle)
            || entry.subject.text.lowercased().contains(needle)
            || entry.reason.lowercased().contains(needle)
            || entry.outcome.lowercased().contains(needle)
    }
}
