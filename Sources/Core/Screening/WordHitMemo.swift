import Synchronization

/// A bounded, thread-safe memo of `SanctionsScreener.wordHits` per screened word, shared by
/// copies of one screener. It never changes a result, only skips recomputing it.
///
/// Split into shards by a hash of the word, each behind its own lock, so threads screening
/// at once rarely wait for each other; a shard forgets everything when it reaches its share
/// of `capacity`.
final class WordHitMemo: Sendable {
    static let capacity = 131_072
    static let shardCount = 64
    /// One lock and its part of the table.
    final class Shard: Sendable {
        let table = Mutex<[NameToken: [WordHit]]>([:])
    }

    private let shards: [Shard] = (0..<WordHitMemo.shardCount).map { _ in Shard() }

    func hits(for token: NameToken) -> [WordHit]? {
        shards[Self.shard(token)].table.withLock { $0[token] }
    }

    func remember(_ hits: [WordHit], for token: NameToken) {
        shards[Self.shard(token)].table.withLock { table in
            if table.count >= Self.capacity / Self.shardCount { table.removeAll(keepingCapacity: true) }
            table[token] = hits
        }
    }

    /// A cheap hash of the word's scalars (FNV-1a), to pick a shard.
    static func shard(_ token: NameToken) -> Int {
        var hash: UInt32 = 2_166_136_261
        for scalar in token.scalars { hash = (hash ^ scalar) &* 16_777_619 }
        return Int(hash >> 8) % shardCount
    }
}

/// First letters as bits of a `UInt32`: a–z one each, any other character bit 26 (so two
/// words whose first letters share a bit may start the same, and two that do not cannot).
enum InitialLetters {
    @inline(__always)
    static func bit(_ scalar: UInt32) -> UInt32 {
        (0x61...0x7A).contains(scalar) ? 1 << (scalar - 0x61) : 1 << 26
    }
}

/// Per-variant reach tables for `SanctionsScreener.candidates`, kept zeroed between uses and
/// lent to one caller at a time, so a screen neither allocates nor clears a table the size of
/// the list.
final class ReachTables: Sendable {
    private let size: Int
    private let free = Mutex<[[UInt32]]>([])

    init(size: Int) { self.size = size }

    /// Lends a zeroed table to `body`, which must leave it zeroed.
    func withTable<T>(_ body: (inout [UInt32]) -> T) -> T {
        var table = free.withLock { $0.popLast() } ?? [UInt32](repeating: 0, count: size)
        let result = body(&table)
        free.withLock { if $0.count < 64 { $0.append(table) } }
        return result
    }
}
