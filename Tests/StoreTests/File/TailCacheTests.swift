import Foundation
@testable import Store
import Testing

/// The tail cache keeps the last committed events within its bounds, as one contiguous run.
@Suite struct TailCacheTests {
    static func recorded(_ position: UInt64, bytes: Int = 0) -> RecordedEvent {
        RecordedEvent(stream: "Account-1", version: Int64(position), position: position, id: id(Int(position)), type: "Opened",
                      created: Date(timeIntervalSinceReferenceDate: 0), data: Data(repeating: 7, count: bytes), metadata: Data())
    }

    @Test func itKeepsTheLastEventsUpToItsCapacity() {
        var tail = TailCache(capacity: 3, byteLimit: 1_000)
        for position in 0..<5 { tail.append(Self.recorded(UInt64(position))) }
        #expect(tail.first == 2)
        #expect(tail.end == 5)
        #expect(tail.event(at: 1) == nil)
        #expect((2..<5).map { tail.event(at: UInt64($0))?.position } == [2, 3, 4])
        #expect(tail.event(at: 5) == nil)
    }

    @Test func itEvictsTheOldestEventsToStayWithinItsByteLimit() {
        var tail = TailCache(capacity: 10, byteLimit: 100)
        tail.append(Self.recorded(0, bytes: 40))
        tail.append(Self.recorded(1, bytes: 40))
        tail.append(Self.recorded(2, bytes: 40))
        #expect(tail.first == 1)
        #expect(tail.count == 2)
        tail.append(Self.recorded(3, bytes: 100))
        #expect(tail.first == 3)
        #expect(tail.count == 1)
    }

    @Test func anEventBiggerThanTheByteLimitEmptiesItAndTheNextEventStartsIt() {
        var tail = TailCache(capacity: 10, byteLimit: 100)
        tail.append(Self.recorded(0, bytes: 10))
        tail.append(Self.recorded(1, bytes: 101))
        #expect(tail.count == 0)
        #expect(tail.event(at: 0) == nil)
        tail.append(Self.recorded(2, bytes: 10))
        #expect(tail.first == 2)
        #expect(tail.event(at: 2)?.position == 2)
    }

    @Test func anEventOutOfSequenceRestartsItAfterThatEvent() {
        var tail = TailCache(capacity: 10, byteLimit: 100)
        tail.append(Self.recorded(0))
        tail.append(Self.recorded(5))
        #expect(tail.count == 0)
        tail.append(Self.recorded(6))
        #expect(tail.first == 6)
        #expect(tail.count == 1)
    }

    @Test func itHandsTheEventsItLetsGoToItsCallerOldestFirst() {
        var tail = TailCache(capacity: 3, byteLimit: 100)
        var evicted: [RecordedEvent] = []
        for position in 0..<5 { tail.append(Self.recorded(UInt64(position), bytes: 10), evicted: &evicted) }
        #expect(evicted.map(\.position) == [0, 1])
        evicted = []
        tail.append(Self.recorded(5, bytes: 91), evicted: &evicted)
        #expect(evicted.map(\.position) == [2, 3, 4])
        #expect(tail.first == 5)
        evicted = []
        // Out of sequence: everything kept goes, and the cache restarts after the event.
        tail.append(Self.recorded(9), evicted: &evicted)
        #expect(evicted.map(\.position) == [5])
        #expect(tail.count == 0)
        #expect(tail.event(at: 5) == nil)
    }

    @Test func aCapacityOfZeroKeepsNothing() {
        var tail = TailCache(capacity: 0, byteLimit: 100)
        tail.append(Self.recorded(0))
        #expect(tail.count == 0)
        #expect(tail.event(at: 0) == nil)
    }

    @Test func itWrapsAroundItsRingManyTimesKeepingTheRightEvents() {
        var tail = TailCache(capacity: 4, byteLimit: 1_000)
        for position in 0..<23 { tail.append(Self.recorded(UInt64(position), bytes: position % 3)) }
        #expect((19..<23).map { tail.event(at: UInt64($0))?.position } == [19, 20, 21, 22])
        #expect((19..<23).map { tail.event(at: UInt64($0))?.data.count } == [1, 2, 0, 1])
    }
}
