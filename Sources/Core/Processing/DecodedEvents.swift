import Foundation
import Store
import Synchronization

/// Recently written bank events by global position, kept decoded so the processors that
/// consume them need not decode the JSON they were just encoded from.
///
/// A bounded memo: it keeps about the newest `capacity` positions; a miss simply decodes.
public final class DecodedEvents: Sendable {
    private let capacity: Int
    private let events = Mutex<[UInt64: BankEvent]>([:])

    public init(capacity: Int = 65_536) {
        self.capacity = capacity
    }

    /// Remembers `events` written at consecutive positions from `firstPosition`.
    public func remember(_ written: [BankEvent], from firstPosition: UInt64) {
        events.withLock { events in
            for (offset, event) in written.enumerated() { events[firstPosition + UInt64(offset)] = event }
            if events.count > capacity {
                let newest = firstPosition + UInt64(written.count)
                let cutoff = newest > UInt64(capacity / 2) ? newest - UInt64(capacity / 2) : 0
                events = events.filter { $0.key >= cutoff }
            }
        }
    }

    /// The decoded event at `position` if remembered.
    public func event(at position: UInt64) -> BankEvent? {
        events.withLock { $0[position] }
    }

    /// The event, from memory or decoded (and then remembered for the next consumer).
    public func decode(_ input: RecordedEvent) throws(BankEvent.DecodingFailure) -> BankEvent {
        if let known = event(at: input.position) { return known }
        let decoded = try BankEvent.decode(input)
        remember([decoded], from: input.position)
        return decoded
    }
}
