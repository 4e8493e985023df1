import Foundation
import Store

/// A projection's state as a person reads it, where a plain JSON dump would not do.
///
/// `accounts-by-status` is listed with the statuses in a fixed order (open, blocked, closed, then
/// any other alphabetically), each with its count and, but for open accounts (only counted),
/// its accounts sorted. Not the `--json`
/// shape: scripts still get the projection's own encoding. Used by the pane and `projection NAME`.
public enum ProjectionStateText {
    /// The order statuses are listed in; a status not named here comes after, alphabetically.
    static let statusOrder: [String] = ["open", "blocked", "closed"]

    /// Readable lines for the state of `name`, or nil when it has no special presentation (or
    /// no state yet), so the caller shows the JSON.
    public static func lines(of name: String, in projections: Projections) throws(EventStoreError) -> [String]? {
        if let state = try projections.state(of: name, as: TextProjectionState.self) { return try lines(state) }
        guard name == AccountsByStatusProjection.name,
              let state = try projections.state(of: name, as: AccountStatusTally.self) else { return nil }
        return lines(state)
    }

    /// Accounts on one line of the listing (57 columns: it fits the pane on an 80-column terminal).
    static let accountsPerLine = 3

    /// `open     20 accounts`, then each other status with its accounts, three to a line.
    static func lines(_ state: AccountStatusTally) -> [String] {
        let statuses = AccountStatus.allCases.sorted { rank($0.rawValue) < rank($1.rawValue) }
        let nameWidth = statuses.map(\.rawValue.count).max() ?? 0
        let countWidth = statuses.map { String(state.count($0)).count }.max() ?? 1
        var out: [String] = []
        for status in statuses {
            let count = state.count(status)
            out.append(status.rawValue.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                       + String(repeating: " ", count: countWidth - String(count).count) + String(count)
                       + " account" + (count == 1 ? "" : "s"))
            guard let accounts = state.accounts(status) else { continue }
            for start in stride(from: 0, to: accounts.count, by: accountsPerLine) {
                out.append("  " + accounts[start..<min(accounts.count, start + accountsPerLine)].map(\.description).joined(separator: "  "))
            }
        }
        return out
    }

    /// Sort key: the position in `statusOrder`, then the name.
    private static func rank(_ status: String) -> (Int, String) {
        (statusOrder.firstIndex(of: status) ?? statusOrder.count, status)
    }

    /// Whether `a` is listed before `b`: `statusOrder` first, then alphabetically.
    static func precedes(_ a: String, _ b: String) -> Bool { rank(a) < rank(b) }
}
