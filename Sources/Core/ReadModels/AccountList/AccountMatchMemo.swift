import Synchronization

/// How many accounts of a page of the accounts list a filter matched, by the page's token (a
/// number that changes whenever the page's rows do, never reused) and the filter's name, so a
/// filtered list is counted without reading every page on every frame.
///
/// Bounded: past `limit` entries it starts again empty. Thread-safe.
enum AccountMatchMemo {
    static let limit = 262_144

    private struct Key: Hashable {
        var token: UInt64
        var filter: String
    }

    private static let tokens = Atomic<UInt64>(0)
    private static let counts = Mutex<[Key: Int]>([:])

    /// A token never handed out before.
    static func newToken() -> UInt64 { tokens.add(1, ordering: .relaxed).newValue }

    static func count(token: UInt64, filter: String) -> Int? {
        counts.withLock { $0[Key(token: token, filter: filter)] }
    }

    static func record(_ count: Int, token: UInt64, filter: String) {
        counts.withLock { counts in
            if counts.count >= limit { counts.removeAll(keepingCapacity: true) }
            counts[Key(token: token, filter: filter)] = count
        }
    }
}
