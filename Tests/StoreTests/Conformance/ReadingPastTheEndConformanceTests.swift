import Foundation
import Store
import Testing

/// Reading from past the end answers nothing rather than failing.
@Suite struct ReadingPastTheEndConformanceTests {
    @Test(arguments: StoreBackend.allCases)
    func readingAllFromBeyondTheHeadIsEmptyInBothDirectionsAndForEveryTarget(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .any, events: [event(1), event(2)])
            #expect(try store.read(.all, from: .version(10), direction: .forward, maxCount: 5).isEmpty)
            #expect(try store.read(.all, from: .version(2), direction: .forward, maxCount: 5).isEmpty)
            #expect(try store.read(.all, from: .version(10), direction: .backward, maxCount: 5).map(\.position) == [1, 0])
            #expect(try store.read("Account-1", from: .version(10)).isEmpty)
            #expect(try store.read("$ce-Account", from: .version(10)).isEmpty)
        }
    }
}
