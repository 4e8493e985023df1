import Foundation
import Store
import Testing

/// Soft delete, tombstones and `$maxCount`/`$maxAge`, for every backend.
@Suite struct DeletionConformanceTests {
    @Test(arguments: StoreBackend.allCases)
    func aSoftDeletedStreamReadsAsMissingUntilAppendedToAgain(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
            try await store.delete(stream: "Account-1", expected: .exact(1))
            #expect(throws: EventStoreError.streamNotFound("Account-1")) { try store.read("Account-1") }
            #expect(store.lastVersion(of: "Account-1") == nil)
            #expect(try store.metadata(of: "Account-1").truncateBefore == 2)
            let again = try await store.append(to: "Account-1", expected: .noStream, events: [event(3)])
            #expect(again.firstVersion == 2)
            #expect(try store.read("Account-1").map(\.id) == [id(3)])
            #expect(try store.read("$all").map(\.id).prefix(2) == [id(1), id(2)])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func deletingChecksTheExpectedVersion(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
            await #expect(throws: EventStoreError.wrongExpectedVersion(stream: "Account-1", expected: .exact(3), actual: 0)) {
                try await store.delete(stream: "Account-1", expected: .exact(3))
            }
            await #expect(throws: EventStoreError.streamNotFound("Nope-1")) {
                try await store.delete(stream: "Nope-1", expected: .any)
            }
            #expect(try store.read("Account-1").count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aTombstonedStreamCanNeverBeReadOrWrittenAgain(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
            try await store.tombstone(stream: "Account-1", expected: .any)
            #expect(throws: EventStoreError.streamDeleted("Account-1")) { try store.read("Account-1") }
            await #expect(throws: EventStoreError.streamDeleted("Account-1")) {
                try await store.append(to: "Account-1", expected: .any, events: [event(2)])
            }
            await #expect(throws: EventStoreError.streamDeleted("Account-1")) {
                try await store.tombstone(stream: "Account-1", expected: .any)
            }
            #expect(store.streams(prefix: "Account").first?.isDeleted == true)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func maxCountKeepsOnlyTheNewestEventsVisible(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: (1...5).map { event($0) })
            try await store.setMetadata(StreamMetadata(maxCount: 2), of: "Account-1")
            #expect(try store.read("Account-1").map(\.version) == [3, 4])
            #expect(try store.metadata(of: "Account-1") == StreamMetadata(maxCount: 2))
            #expect(throws: EventStoreError.eventNotFound(stream: "Account-1", version: 0)) { try store.event(stream: "Account-1", version: 0) }
            #expect(try store.read("$all").count == 6)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func maxAgeHidesEventsOlderThanItByTheStoreClock(_ backend: StoreBackend) async throws {
        let clock = ManualClock()
        try await backend.withStore(clock: clock) { store in
            _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
            clock.advance(by: 100)
            _ = try await store.append(to: "Account-1", expected: .exact(0), events: [event(2)])
            try await store.setMetadata(StreamMetadata(maxAge: 60), of: "Account-1")
            #expect(try store.read("Account-1").map(\.id) == [id(2)])
            clock.advance(by: 61)
            #expect(try store.read("Account-1").isEmpty)
        }
    }
}
