import Foundation
import Store
import Synchronization

/// Bank events just written, kept decoded so the processors and the read-model follower that
/// consume them need not decode the JSON they were just encoded from.
///
/// Keyed by event id and remembered *before* the append, so a subscriber woken by the commit
/// finds them however fast it runs. A hit also needs the recorded bytes to equal the remembered
/// ones, so an id the store already held with other data (a duplicate it dropped) is decoded
/// from what was stored. A bounded memo of about the newest `capacity` events; a miss decodes.
public final class DecodedEvents: Sendable {
    /// One remembered event, boxed: copying it out of the memo retains one reference rather
    /// than every string of the event.
    private final class Entry: Sendable {
        let data: Data
        let event: BankEvent

        init(data: Data, event: BankEvent) {
            self.data = data
            self.event = event
        }
    }

    private let capacity: Int
    /// Two generations: lookups try both; when the newer fills, the older is dropped. Its
    /// emptied storage is kept as the next newer one (`spare`), so the memo does not map and
    /// fault in megabytes of fresh memory each time a generation turns over.
    private let generations: Mutex<(newer: [UUID: Entry], older: [UUID: Entry], spare: [UUID: Entry]?)>

    public init(capacity: Int = 65_536) {
        self.capacity = max(2, capacity)
        var newer: [UUID: Entry] = [:]
        newer.reserveCapacity(self.capacity / 2)
        generations = Mutex((newer, [:], nil))
    }

    /// Remembers events about to be written: their ids, data and decoded values.
    public func remember<Written: Sequence<(id: UUID, data: Data, event: BankEvent)>>(_ written: Written) {
        let dropped = generations.withLock { generations -> [UUID: Entry]? in
            for item in written {
                generations.newer.updateValue(Entry(data: item.data, event: item.event), forKey: item.id)
            }
            guard generations.newer.count >= capacity / 2 else { return nil }
            var fresh = generations.spare ?? [:]
            generations.spare = nil
            fresh.reserveCapacity(capacity / 2)
            let older = generations.older
            generations.older = generations.newer
            generations.newer = fresh
            return older
        }
        // The dropped generation's many entries are freed here, outside the lock; its storage
        // becomes the spare.
        guard var dropped else { return }
        dropped.removeAll(keepingCapacity: true)
        generations.withLock { $0.spare = dropped }
    }

    /// The decoded event `recorded` holds: attached by its appender (read from the store's tail),
    /// or remembered with exactly its bytes.
    public func event(for recorded: RecordedEvent) -> BankEvent? {
        events(for: CollectionOfOne(recorded))[0]
    }

    /// `event(for:)` of each of `recorded`, in order, looked up under one lock.
    public func events<Recorded: Collection<RecordedEvent>>(for recorded: Recorded) -> [BankEvent?] {
        var found = recorded.map { ($0.attachment as? AttachedBankEvent)?.event }
        guard found.contains(where: { $0 == nil }) else { return found }
        let entries = generations.withLock { generations in
            zip(found, recorded).map { known, recorded in
                known == nil ? generations.newer[recorded.id] ?? generations.older[recorded.id] : nil
            }
        }
        for (index, (entry, recorded)) in zip(entries, recorded).enumerated() {
            if let entry, entry.data == recorded.data { found[index] = entry.event }
        }
        return found
    }

    /// The event, from memory or decoded (and then remembered for the next consumer).
    public func decode(_ input: RecordedEvent) throws(BankEvent.DecodingFailure) -> BankEvent {
        if let known = event(for: input) { return known }
        let decoded = try BankEvent.decode(input)
        remember([(input.id, input.data, decoded)])
        return decoded
    }
}
