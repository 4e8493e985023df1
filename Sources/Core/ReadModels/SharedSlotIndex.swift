import Synchronization

/// Key → slot (an index into a read model's append-only `ChunkedArray`), one table shared by
/// every copy of the read model that folds the same log.
///
/// A hash map copied per checkpoint would cost the whole map, and a persistent hash tree a
/// path per new key (new keys hash all over the tree). Keys are only ever added, at the next
/// free slot, so copies of a read model can share one growing table instead: a copy looks a
/// key up and accepts the slot only when it is below its own element count and that element
/// is the key (`lookup`'s `holds`). A copy that adds a key the table already maps elsewhere —
/// it folded a different log — takes a private copy of the table first, so copies never see
/// each other's keys. Copies may live on different threads, hence the lock.
struct SharedSlotIndex<Key: Hashable & Sendable>: Sendable {
    private final class Table: Sendable {
        let slots: Mutex<[Key: Int32]>
        init(_ slots: [Key: Int32]) { self.slots = Mutex(slots) }
    }

    private var table = Table([:])

    /// The slot of `key` when `holds(slot)` confirms it (the slot exists in this copy and its
    /// element is `key`); nil otherwise.
    func lookup(_ key: Key, holds: (Int) -> Bool) -> Int? {
        guard let slot = table.slots.withLock({ $0[key] }) else { return nil }
        return holds(Int(slot)) ? Int(slot) : nil
    }

    /// The slot of `key` when `holds` confirms it; otherwise records `key` at `next` (the
    /// copy's next free slot, which the caller then fills) and returns nil. One lock, not two.
    mutating func lookupOrInsert(_ key: Key, next: Int, holds: (Int) -> Bool) -> Int? {
        let wanted = Int32(next)
        let (found, conflict) = table.slots.withLock { slots -> (Int?, Bool) in
            guard let existing = slots[key] else {
                slots[key] = wanted
                return (nil, false)
            }
            if holds(Int(existing)) { return (Int(existing), false) }
            return (nil, existing != wanted)
        }
        if conflict { fork(setting: key, to: wanted) }
        return found
    }

    /// Takes a private copy of the table (another copy maps `key` elsewhere) and sets `key`.
    private mutating func fork(setting key: Key, to slot: Int32) {
        var own = table.slots.withLock { $0 }
        own[key] = slot
        table = Table(own)
    }
}
