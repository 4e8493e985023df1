import Foundation
import Store
import Testing

/// Bad input is refused with a typed error and nothing is written, for every backend.
@Suite struct ValidationConformanceTests {
    static let badStreams: [(String, EventStoreError)] = [
        ("", .invalidStreamName("", reason: "empty")),
        ("$system", .invalidStreamName("$system", reason: "names starting with $ are reserved for the store")),
        ("Bad\nName", .invalidStreamName("Bad\nName", reason: "contains control characters")),
        (String(repeating: "x", count: 201), .invalidStreamName(String(repeating: "x", count: 201), reason: "longer than 200 bytes")),
        (" padded", .invalidStreamName(" padded", reason: "leading or trailing space")),
    ]

    @Test(arguments: StoreBackend.allCases)
    func badStreamNamesAreRefusedAndNothingIsWritten(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for (name, error) in Self.badStreams {
                await #expect(throws: error) { try await store.append(to: name, expected: .any, events: [event(1)]) }
            }
            #expect(store.headPosition == 0)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func badEventTypesAndEmptyAppendsAreRefused(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: EventStoreError.invalidEventType("", reason: "empty")) {
                try await store.append(to: "Account-1", expected: .any, events: [event(1), EventData(id: id(2), type: "")])
            }
            await #expect(throws: EventStoreError.emptyAppend) {
                try await store.append(to: "Account-1", expected: .any, events: [])
            }
            #expect(store.headPosition == 0)
            #expect(store.lastVersion(of: "Account-1") == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anOversizedEventIsRefusedWithTheLimit(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let huge = EventData(id: id(1), type: "Big", data: Data(count: 2 << 20))
            do throws(EventStoreError) {
                _ = try await store.append(to: "Account-1", expected: .any, events: [huge])
                Issue.record("an oversized event was accepted")
            } catch {
                guard case .eventTooLarge(let size, let limit) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(size == (2 << 20) + 3)
                #expect(limit < size)
            }
            #expect(store.headPosition == 0)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func metadataOfAReservedStreamNameIsRefused(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: EventStoreError.invalidStreamName("$all", reason: "names starting with $ are reserved for the store")) {
                try await store.setMetadata(StreamMetadata(maxCount: 1), of: "$all")
            }
        }
    }
}
