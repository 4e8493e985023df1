import Foundation

/// What `Accounts` stores per slot and per ledger line.
extension Accounts {
    /// An account's slot: its id and, once opened, its summary as of its last status change.
    struct Slot: Sendable, Equatable {
        var id: AccountID
        var summary: AccountSummary?
        /// Position of the opening or the last status change.
        var changedPosition: UInt64
    }

    /// An account's newest ledger line (an index into `lines`, −1 for none) and its line count.
    struct LedgerHead: Sendable, Equatable {
        var last: Int32
        var count: Int32
    }

    /// A ledger line and the index of the same account's previous line (−1 for none).
    struct StoredLine: Sendable, Equatable {
        var line: LedgerLine
        var previous: Int32
    }
}
