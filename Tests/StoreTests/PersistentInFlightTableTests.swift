import Foundation
@testable import Store
import Testing

@Suite struct PersistentInFlightTableTests {
    static let event = EventBox(RecordedEvent(stream: "s", version: 0, position: 0, id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)),
                                              type: "T", created: Date(timeIntervalSince1970: 0), data: Data(), metadata: Data()))

    static func flight(_ delivery: UInt64, consumer: UInt64 = 1) -> GroupState.InFlight {
        GroupState.InFlight(delivery: delivery, consumer: consumer, deadline: Date(timeIntervalSince1970: 0), box: event, retryCount: 0)
    }

    @Test func entriesSurviveTheWindowSlidingPastThemAndComeBackInKeyOrder() {
        var table = InFlightTable()
        for ordinal in 0..<5 { table.insert(Self.flight(UInt64(ordinal)), for: .source(Int64(ordinal))) }
        table.insert(Self.flight(9, consumer: 2), for: .parked(3))
        #expect(table.removeValue(forKey: .source(0))?.delivery == 0)
        #expect(table.removeValue(forKey: .source(1))?.delivery == 1)
        table.insert(Self.flight(10), for: .source(0))
        #expect(table.removeValue(forKey: .source(3))?.delivery == 3)
        #expect(table.removeValue(forKey: .source(3)) == nil)

        #expect(table.count == 4)
        #expect(table[.source(0)]?.delivery == 10)
        #expect(table[.source(1)] == nil)
        #expect(table.entries { _ in true }.map(\.key) == [.parked(3), .source(0), .source(2), .source(4)])
        #expect(table.entries { $0.consumer == 2 }.map(\.key) == [.parked(3)])
    }

    @Test func aRetryOlderThanTheWindowLeavesAnotherOldRetryFindable() {
        var table = InFlightTable()
        for ordinal in 0..<4 { table.insert(Self.flight(UInt64(ordinal)), for: .source(Int64(ordinal))) }
        #expect(table.removeValue(forKey: .source(0))?.delivery == 0)
        #expect(table.removeValue(forKey: .source(1))?.delivery == 1)
        table.insert(Self.flight(11), for: .source(1))
        #expect(table.removeValue(forKey: .source(2))?.delivery == 2)
        #expect(table.removeValue(forKey: .source(3))?.delivery == 3)
        // Nothing newer is in flight now; a retry of an even older message arrives.
        table.insert(Self.flight(10), for: .source(0))

        #expect(table.count == 2)
        #expect(table[.source(1)]?.delivery == 11)
        #expect(table.removeValue(forKey: .source(1))?.delivery == 11)
        #expect(table.removeValue(forKey: .source(0))?.delivery == 10)
        #expect(table.count == 0)
    }
}
