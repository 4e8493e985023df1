import Foundation
import Store
import Testing

/// Reading streams, `$all` and single events, for every backend.
@Suite struct ReadingConformanceTests {
    /// Three streams interleaved: Account-1 gets events 1, 3, 5; Account-2 gets 2, 4; Card-1 gets 6.
    static func seed(_ store: any EventStore) async throws {
        for n in 1...5 {
            _ = try await store.append(to: n % 2 == 1 ? "Account-1" : "Account-2", expected: .any,
                                       events: [event(n, type: n % 2 == 1 ? "Opened" : "Moved")])
        }
        _ = try await store.append(to: "Card-1", expected: .any, events: [event(6, type: "Opened")])
    }

    @Test(arguments: StoreBackend.allCases)
    func eventsReadBackByteForByteWithTheirPlaceAndTime(_ backend: StoreBackend) async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_123.25))
        try await backend.withStore(clock: clock) { store in
            let payload = EventData(id: id(7), type: "Payment.Received", data: Data([0, 1, 2, 255]), metadata: Data("{\"a\":1}".utf8))
            _ = try await store.append(to: "Payment-7", expected: .noStream, events: [payload])
            let read = try store.event(stream: "Payment-7", version: 0)
            #expect(read == RecordedEvent(stream: "Payment-7", version: 0, position: 0, id: id(7), type: "Payment.Received",
                                          created: Date(timeIntervalSince1970: 1_780_000_123.25),
                                          data: Data([0, 1, 2, 255]), metadata: Data("{\"a\":1}".utf8)))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aStreamReadsForwardAndBackwardFromAVersion(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.seed(store)
            #expect(try store.read("Account-1").map(\.id) == [id(1), id(3), id(5)])
            #expect(try store.read("Account-1").map(\.version) == [0, 1, 2])
            #expect(try store.read("Account-1", from: .version(1), maxCount: 1).map(\.id) == [id(3)])
            #expect(try store.read("Account-1", from: .end, direction: .backward).map(\.id) == [id(5), id(3), id(1)])
            #expect(try store.read("Account-1", from: .version(1), direction: .backward).map(\.id) == [id(3), id(1)])
            #expect(try store.read("Account-1", from: .version(9)).isEmpty)
            #expect(try store.read("Account-1", maxCount: 0).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func allReadsEveryEventByPositionBothWays(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.seed(store)
            #expect(try store.read("$all").map(\.position) == [0, 1, 2, 3, 4, 5])
            #expect(try store.read("$all").map(\.id) == (1...6).map { id($0) })
            #expect(try store.read("$all", from: .version(4)).map(\.id) == [id(5), id(6)])
            #expect(try store.read("$all", from: .end, direction: .backward, maxCount: 2).map(\.position) == [5, 4])
            #expect(try store.event(at: 3).id == id(4))
            #expect(throws: EventStoreError.positionNotFound(6)) { try store.event(at: 6) }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func missingStreamsAndEventsAreTypedErrors(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.seed(store)
            #expect(throws: EventStoreError.streamNotFound("Nope-1")) { try store.read("Nope-1") }
            #expect(throws: EventStoreError.eventNotFound(stream: "Account-1", version: 3)) { try store.event(stream: "Account-1", version: 3) }
            #expect(store.lastVersion(of: "Nope-1") == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func systemIndexesLinkBackToTheOriginalEvents(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.seed(store)
            let category = try store.read("$ce-Account")
            #expect(category.map(\.id) == (1...5).map { id($0) })
            #expect(category.map(\.stream) == ["Account-1", "Account-2", "Account-1", "Account-2", "Account-1"])
            #expect(category[2].link == IndexEntry(stream: "$ce-Account", version: 2))
            #expect(category[2].version == 1)
            let opened = try store.read("$et-Opened", from: .end, direction: .backward)
            #expect(opened.map(\.id) == [id(6), id(5), id(3), id(1)])
            #expect(opened.first?.link == IndexEntry(stream: "$et-Opened", version: 3))
            let streams = try store.read("$streams")
            #expect(streams.map(\.stream) == ["Account-1", "Account-2", "Card-1"])
            #expect(try store.read("$ce-Nothing").isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func streamsAreListedInNameOrderWithTheirLastVersion(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.seed(store)
            #expect(store.streams(prefix: nil) == [
                StreamInfo(name: "Account-1", lastVersion: 2, lastPosition: 4, isDeleted: false),
                StreamInfo(name: "Account-2", lastVersion: 1, lastPosition: 3, isDeleted: false),
                StreamInfo(name: "Card-1", lastVersion: 0, lastPosition: 5, isDeleted: false),
            ])
            #expect(store.streams(prefix: "Card").map(\.name) == ["Card-1"])
        }
    }
}
