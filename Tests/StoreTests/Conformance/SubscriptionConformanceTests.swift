import Foundation
import Store
import Testing

/// Catch-up subscriptions, for every backend.
@Suite struct SubscriptionConformanceTests {
    /// Collects `count` messages from a subscription.
    static func take(_ count: Int, from subscription: CatchUpSubscription) async throws -> [SubscriptionMessage] {
        var messages: [SubscriptionMessage] = []
        for try await message in subscription {
            messages.append(message)
            if messages.count == count { break }
        }
        return messages
    }

    static func label(_ message: SubscriptionMessage) -> String {
        switch message {
        case .caughtUp: "caughtUp"
        case .event(let event): "\(event.stream)@\(event.version)"
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aStreamSubscriptionDeliversHistoryThenCaughtUpThenLiveEvents(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
            let subscription = store.subscribe(to: .stream("Account-1"))
            let reader = Task { try await Self.take(5, from: subscription).map(Self.label) }
            // Live events may land before or after the subscriber catches up; order and count may not change.
            _ = try await store.append(to: "Account-2", expected: .noStream, events: [event(3)])
            _ = try await store.append(to: "Account-1", expected: .exact(1), events: [event(4)])
            _ = try await store.append(to: "Account-1", expected: .exact(2), events: [event(5)])
            let labels = try await reader.value
            #expect(labels.filter { $0 != "caughtUp" } == ["Account-1@0", "Account-1@1", "Account-1@2", "Account-1@3"])
            #expect(labels.firstIndex(of: "caughtUp").map { $0 >= 2 } == true)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anAllSubscriptionFromAPositionMissesAndRepeatsNothingUnderConcurrentWrites(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for n in 0..<10 { _ = try await store.append(to: "Account-\(n % 3)", expected: .any, events: [event(n)]) }
            let subscription = store.subscribe(to: .all, from: .after(4))
            let reader = Task {
                var positions: [UInt64] = []
                for try await message in subscription {
                    if case .event(let event) = message { positions.append(event.position) }
                    if positions.count == 45 { break }
                }
                return positions
            }
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for n in 0..<10 {
                            _ = try? await store.append(to: "Card-\(writer)", expected: .any, events: [event(1000 + writer * 100 + n)])
                        }
                    }
                }
            }
            #expect(try await reader.value == Array(5..<50))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aCategorySubscriptionFromTheEndSeesOnlyNewEvents(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
            let subscription = store.subscribe(to: .category("Account"), from: .end)
            var iterator = subscription.makeAsyncIterator()
            #expect(try await iterator.next() == .caughtUp)
            _ = try await store.append(to: "Card-1", expected: .noStream, events: [event(2)])
            _ = try await store.append(to: "Account-2", expected: .noStream, events: [event(3)])
            guard case .event(let live)? = try await iterator.next() else {
                Issue.record("expected an event")
                return
            }
            #expect(live.id == id(3))
            #expect(live.link == IndexEntry(stream: "$ce-Account", version: 1))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func closingTheStoreEndsALiveSubscription(_ backend: StoreBackend) async throws {
        try await backend.withStore { store throws in
            let subscription = store.subscribe(to: .all)
            var iterator = subscription.makeAsyncIterator()
            #expect(try await iterator.next() == .caughtUp)
            await store.close()
            #expect(try await iterator.next() == nil)
        }
    }
}
