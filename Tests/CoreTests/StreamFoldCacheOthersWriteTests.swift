import Foundation
import Store
import StoreTestSupport
import Testing
@testable import Core

/// When other processes write, a step decided on an input from the stream itself uses a memo
/// that holds the input without asking the store; anything else asks.
@Suite struct StreamFoldCacheOthersWriteTests {
    typealias CountingStore = StreamFoldCacheHeadTests.CountingStore

    private static let account = AccountID(sortCode: "401234", accountNumber: "10000329")!

    private static func data(_ event: some BankEventType, _ n: Int) throws -> EventData {
        try BankCodec.eventData(event, id: DerivedEventID.make(name: "others-test-\(n)"),
                                metadata: EventMetadata(correlationId: "c", causationId: "c"))
    }

    /// A stream at version 0 and a cache that other processes' appends go past unseen.
    private static func setUp() async throws -> (CountingStore, StreamFoldCache<AccountState>, String) {
        let store = CountingStore(base: MemoryEventStore(clock: ManualClock()), headIsLocal: true)
        let stream = BankStream.account(account).name
        _ = try await store.append(to: stream, expected: .noStream, events: [try data(AccountOpened(account: account, holder: "Ada"), 0)])
        let cache = StreamFoldCache<AccountState>(store: store, initial: .none, fold: { state, event, _ in state.apply(event) },
                                                  othersWrite: true, capacity: 100)
        #expect(try cache.state(of: stream).version == 0)
        // Another process moves the stream on; this one's memo is left behind.
        _ = try await store.append(to: stream, expected: .exact(0),
                                   events: [try data(AccountBlocked(account: account, reason: "fraud", by: "ops"), 1)])
        return (store, cache, stream)
    }

    @Test func aMemoHoldingTheInputIsUsedWithoutAskingAndItsVersionIsTheOneAnAppendIsCheckedAt() async throws {
        let (store, cache, stream) = try await Self.setUp()
        let before = store.lastVersionLookups
        let memo = try cache.stateForAppend(of: stream, atLeast: 0)
        #expect(memo.version == 0)
        #expect(memo.state.status == .open)
        #expect(store.lastVersionLookups == before)
        // A step decided on it is refused: the stream moved.
        await #expect(throws: EventStoreError.self) {
            _ = try await store.append(to: stream, expected: Decision.after(memo.version),
                                       events: [try Self.data(AccountClosed(account: Self.account, reason: "gone", by: "ops"), 2)])
        }
        // Forgotten, the next look reads what was appended.
        cache.forget(stream)
        let fresh = try cache.stateForAppend(of: stream, atLeast: 0)
        #expect(fresh.version == 1)
        #expect(fresh.state.status == .blocked)
    }

    @Test func aMemoShortOfTheInputIsRead() async throws {
        let (_, cache, stream) = try await Self.setUp()
        // The input is version 1, past the memo.
        let folded = try cache.state(of: stream, atLeast: 1)
        #expect(folded.version == 1)
        #expect(folded.state.status == .blocked)
    }

    @Test func withoutAVersionOfTheStreamsOwnTheStoreIsAsked() async throws {
        let (store, cache, stream) = try await Self.setUp()
        // An input from another stream says nothing of this one.
        let before = store.lastVersionLookups
        let folded = try cache.stateForAppend(of: stream)
        #expect(folded.version == 1)
        #expect(folded.state.status == .blocked)
        #expect(store.lastVersionLookups == before + 1)
    }
}
