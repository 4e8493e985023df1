import Foundation
import Testing
@testable import Store

/// Which partition of a partitioned persistent group holds an event (`GroupPartition.holds`).
struct GroupPartitionTests {
    static func event(stream: String, key: Int64? = nil) -> RecordedEvent {
        var event = RecordedEvent(stream: stream, version: 0, position: 1, id: UUID(uuidString: "00000000-0000-0000-0000-000000000007")!,
                                  type: "Happened", created: Date(timeIntervalSince1970: 0), data: Data(), metadata: Data())
        event.partitionKey = key
        return event
    }

    /// The partitions of `count` that hold `event` (exactly one, whatever the event).
    static func holders(_ event: RecordedEvent, count: Int, strategy: ConsumerStrategy) -> [Int] {
        (0..<count).filter { GroupPartition(index: $0, count: count).holds(event, strategy: strategy) }
    }

    @Test func aPinnedEventWithoutAKeyIsPlacedByItsStream() {
        let stream = "Ledger-1"
        let plain = Self.event(stream: stream)
        #expect(Self.holders(plain, count: 6, strategy: .pinned) == [Int(GroupPartition.key(stream: stream) % 6)])
    }

    @Test func aPinnedEventWithAKeyIsPlacedByTheKey() {
        // A key the stream does not give: the event was pinned to another stream.
        let stream = "Ledger-1"
        let key = (GroupPartition.key(stream: stream) + 1) % Int64(GroupPartition.keyModulus)
        let pinned = Self.event(stream: stream, key: key)
        #expect(Self.holders(pinned, count: 6, strategy: .pinned) == [Int(key % 6)])
        #expect(Self.holders(pinned, count: 6, strategy: .pinned) != Self.holders(Self.event(stream: stream), count: 6, strategy: .pinned))
    }

    @Test func theKeyIsIgnoredWhereItCannotTellThePartition() {
        let stream = "Ledger-1"
        let key = (GroupPartition.key(stream: stream) + 1) % Int64(GroupPartition.keyModulus)
        let pinned = Self.event(stream: stream, key: key)
        // Round robin goes by the event's id; 17 partitions do not divide the keys' modulus.
        #expect(Self.holders(pinned, count: 6, strategy: .roundRobin) == Self.holders(Self.event(stream: stream), count: 6, strategy: .roundRobin))
        #expect(Self.holders(pinned, count: 17, strategy: .pinned) == Self.holders(Self.event(stream: stream), count: 17, strategy: .pinned))
        #expect(Self.holders(pinned, count: 17, strategy: .pinned).count == 1)
    }
}
