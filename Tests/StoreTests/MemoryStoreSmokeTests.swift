import Foundation
import Store
import Testing

@Suite struct MemoryStoreSmokeTests {
    @Test func appendedEventsReadBackInOrderWithTheirCategory() async throws {
        let store = MemoryEventStore(clock: ManualClock())
        let result = try await store.append(to: "Payments-1", expected: .noStream,
                                            events: [EventData(type: "A"), EventData(type: "B")])
        #expect(result == AppendResult(firstVersion: 0, lastVersion: 1, firstPosition: 0, lastPosition: 1))
        #expect(try store.read("Payments-1").map(\.type) == ["A", "B"])
        #expect(try store.read("$ce-Payments").map(\.link) == [IndexEntry(stream: "$ce-Payments", version: 0),
                                                                  IndexEntry(stream: "$ce-Payments", version: 1)])
    }
}
