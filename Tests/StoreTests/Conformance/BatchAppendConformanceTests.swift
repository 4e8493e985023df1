import Foundation
import Store
import Testing

/// `append(_:)` with several streams: each append stands alone, as if made one after another.
@Suite struct BatchAppendConformanceTests {
    @Test(arguments: StoreBackend.allCases)
    func eachAppendOfABatchSucceedsOrFailsOnItsOwn(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Account-2", expected: .noStream, events: [event(1)])
            let results = await store.append([
                StreamAppend(stream: "Account-1", expected: .noStream, events: [event(2), event(3)]),
                StreamAppend(stream: "Account-2", expected: .noStream, events: [event(4)]),
                StreamAppend(stream: "Account-2", expected: .exact(0), events: [event(5)]),
                StreamAppend(stream: "$bad", expected: .any, events: [event(6)]),
                StreamAppend(stream: "Account-3", expected: .any, events: []),
            ])
            #expect(results.count == 5)
            #expect(results[0] == .success(AppendResult(firstVersion: 0, lastVersion: 1, firstPosition: 1, lastPosition: 2)))
            #expect(results[1] == .failure(.wrongExpectedVersion(stream: "Account-2", expected: .noStream, actual: 0)))
            #expect(results[2] == .success(AppendResult(firstVersion: 1, lastVersion: 1, firstPosition: 3, lastPosition: 3)))
            guard case .failure(.invalidStreamName) = results[3] else {
                Issue.record("a $ stream in a batch was not refused: \(results[3])")
                return
            }
            #expect(results[4] == .failure(.emptyAppend))
            #expect(store.headPosition == 4)
            #expect(try store.read("Account-2").map(\.id) == [id(1), id(5)])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func laterAppendsOfABatchSeeEarlierOnes(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let results = await store.append([
                StreamAppend(stream: "Account-1", expected: .noStream, events: [event(1)]),
                StreamAppend(stream: "Account-1", expected: .exact(0), events: [event(2)]),
            ])
            #expect(results.map { (try? $0.get())?.lastVersion } == [0, 1])
            #expect(store.lastVersion(of: "Account-1") == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aRetriedBatchWritesNothingTwice(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let batch = [
                StreamAppend(stream: "Account-1", expected: .noStream, events: [event(1)]),
                StreamAppend(stream: "Account-2", expected: .noStream, events: [event(2)]),
            ]
            let first = await store.append(batch)
            let again = await store.append(batch)
            #expect(first == again)
            #expect(store.headPosition == 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anEmptyBatchAnswersNothing(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(await store.append([StreamAppend]()).isEmpty)
            #expect(store.headPosition == 0)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aCategoryListingKeepsUpWithNewStreams(_ backend: StoreBackend) async throws {
        try await backend.withStore { store in
            _ = try await store.append(to: "Card-2", expected: .any, events: [event(1)])
            _ = try await store.append(to: "Account-9", expected: .any, events: [event(2)])
            #expect(store.streams(prefix: "Card-").map(\.name) == ["Card-2"])
            _ = try await store.append(to: "Card-1", expected: .any, events: [event(3)])
            _ = try await store.append(to: "Cards-1", expected: .any, events: [event(4)])
            _ = try await store.append(to: "Card-2", expected: .any, events: [event(5)])
            #expect(store.streams(prefix: "Card-") == [
                StreamInfo(name: "Card-1", lastVersion: 0, lastPosition: 2, isDeleted: false),
                StreamInfo(name: "Card-2", lastVersion: 1, lastPosition: 4, isDeleted: false),
            ])
            #expect(store.streams(prefix: "Card").map(\.name) == ["Card-1", "Card-2", "Cards-1"])
        }
    }

    @Test func aBatchIsOnDiskWhenItReturns() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(durability: .fsync))
        let results = await store.append([
            StreamAppend(stream: "Account-1", expected: .noStream, events: [event(1)]),
            StreamAppend(stream: "Account-2", expected: .noStream, events: [event(2), event(3)]),
        ])
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        await store.close()
        let reopened = try FileEventStore.open(directory: directory.url)
        #expect(try reopened.read(.all).map(\.id) == [id(1), id(2), id(3)])
        #expect(reopened.lastVersion(of: "Account-2") == 1)
        await reopened.close()
    }

    @Test func aReadOnlyStoreRefusesEveryAppendOfABatch() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let writer = try FileEventStore.open(directory: directory.url)
        let reader = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true))
        let results = await reader.append([StreamAppend(stream: "Account-1", expected: .any, events: [event(1)])])
        #expect(results == [.failure(.readOnly)])
        await reader.close()
        await writer.close()
    }
}
