import Foundation
import Store
import Testing

/// EventStoreDB's expected-version and idempotency table, for every backend.
@Suite struct ExpectedVersionConformanceTests {
    @Test(arguments: StoreBackend.allCases)
    func noStreamCreatesAStreamOnceThenIsRefusedWithTheActualVersion(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
            #expect(first == AppendResult(firstVersion: 0, lastVersion: 1, firstPosition: 0, lastPosition: 1))
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .noStream, actual: 1)) {
                try await store.append(to: "Account-1", expected: .noStream, events: [event(3)])
            }
            #expect(store.headPosition == 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anyAppendsToNewAndExistingStreams(_ backend: StoreBackend) async throws {
        try await backend.withStore { store throws in
            #expect(try await store.append(to: "Account-1", expected: .any, events: [event(1)]).lastVersion == 0)
            #expect(try await store.append(to: "Account-1", expected: .any, events: [event(2)]).lastVersion == 1)
            #expect(store.lastVersion(of: "Account-1") == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func streamExistsIsRefusedForANewStreamAndAcceptedAfterwards(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .streamExists, actual: nil)) {
                try await store.append(to: "Account-1", expected: .streamExists, events: [event(1)])
            }
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
            #expect(try await store.append(to: "Account-1", expected: .streamExists, events: [event(2)]).firstVersion == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func exactVersionMustMatchTheLastEvent(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .exact(0), actual: nil)) {
                try await store.append(to: "Account-1", expected: .exact(0), events: [event(1)])
            }
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .exact(0), actual: 1)) {
                try await store.append(to: "Account-1", expected: .exact(0), events: [event(3)])
            }
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .exact(5), actual: 1)) {
                try await store.append(to: "Account-1", expected: .exact(5), events: [event(3)])
            }
            let result = try await store.append(to: "Account-1", expected: .exact(1), events: [event(3)])
            #expect(result == AppendResult(firstVersion: 2, lastVersion: 2, firstPosition: 2, lastPosition: 2))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anExactRetryReturnsTheOriginalPositionsAndWritesNothing(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let original = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
            _ = try await store.append(to: "Account-1", expected: .exact(1), events: [event(3)])
            #expect(try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)]) == original)
            #expect(try await store.append(to: "Account-1", expected: .any, events: [event(1), event(2)]) == original)
            #expect(try await store.append(to: "Account-1", expected: .streamExists, events: [event(1), event(2)]) == original)
            #expect(try await store.append(to: "Account-1", expected: .exact(1), events: [event(3)])
                == AppendResult(firstVersion: 2, lastVersion: 2, firstPosition: 2, lastPosition: 2))
            #expect(store.headPosition == 3)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anAnyRetryIsRecognisedBehindManyLaterEvents(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let original = try await store.append(to: "Account-1", expected: .any, events: [event(1), event(2)])
            for n in 0..<300 { _ = try await store.append(to: "Account-1", expected: .any, events: [event(1000 + n)]) }
            #expect(try await store.append(to: "Account-1", expected: .any, events: [event(1), event(2)]) == original)
            #expect(try await store.append(to: "Account-1", expected: .any, events: [event(1100)])
                == AppendResult(firstVersion: 102, lastVersion: 102, firstPosition: 102, lastPosition: 102))
            #expect(store.headPosition == 302)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aPartialOverlapWithAnEarlierAppendIsRefused(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
            await #expect(throws: EventStoreError.idempotencyConflict(stream: "Account-1", eventId: id(9).uuidString.lowercased())) {
                try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(9)])
            }
            await #expect(throws: EventStoreError.idempotencyConflict(stream: "Account-1", eventId: id(3).uuidString.lowercased())) {
                try await store.append(to: "Account-1", expected: .any, events: [event(2), event(3)])
            }
            #expect(store.headPosition == 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentAppendsWithTheSameExpectedVersionLetExactlyOneWin(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
            let wins = await withTaskGroup(of: Bool.self) { group in
                for n in 0..<16 {
                    group.addTask {
                        do {
                            _ = try await store.append(to: "Account-1", expected: .exact(0), events: [event(100 + n)])
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                var wins = 0
                for await won in group where won { wins += 1 }
                return wins
            }
            #expect(wins == 1)
            #expect(store.lastVersion(of: "Account-1") == 1)
        }
    }
}
