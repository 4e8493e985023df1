import Foundation
import Synchronization

/// A screening that remembers each name's result: payments repeat names (account holders,
/// regular payers), and screening one is the same work every time against an unchanged list.
///
/// Exact: a name's matches do not depend on the other names screened with it, so a remembered
/// result (re-tagged with the role asked for) is the one `base` would give. Built per list
/// version (`BankViews.screening()`), so a list change starts an empty memo. Bounded: when it
/// holds `capacity` names it starts again.
final class MemoizedScreening: NameScreening {
    private let base: any NameScreening
    private let capacity: Int
    private let memo = Mutex<[String: [ScreeningMatch]]>([:])

    init(_ base: any NameScreening, capacity: Int = 16_384) {
        self.base = base
        self.capacity = max(1, capacity)
    }

    var threshold: Double { base.threshold }

    func holding(at threshold: Double) -> any NameScreening {
        MemoizedScreening(base.holding(at: threshold), capacity: capacity)
    }

    func screen(_ names: [(role: ScreeningMatch.Role, name: String)]) -> [ScreeningMatch] {
        var result: [ScreeningMatch] = []
        for (role, name) in names {
            let known = memo.withLock { $0[name] }
            let matches: [ScreeningMatch]
            if let known {
                matches = known
            } else {
                matches = base.screen([(role, name)])
                memo.withLock { memo in
                    if memo.count >= capacity { memo.removeAll(keepingCapacity: true) }
                    memo[name] = matches
                }
            }
            result += matches.map { match in
                var match = match
                match.role = role
                return match
            }
        }
        return result
    }
}
