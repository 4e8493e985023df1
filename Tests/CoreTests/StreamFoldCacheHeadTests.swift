import Foundation
import Store
import StoreTestSupport
import Synchronization
import Testing
@testable import Core

/// A memo found current at a head is answered without asking the store for the stream's last
/// version while the head stands still, and is checked again as soon as anything is appended.
@Suite struct StreamFoldCacheHeadTests {
    /// A memory store that counts the last-version look-ups it answers, and says its head is
    /// local or not as a test asks.
    final class CountingStore: ForwardingEventStore, @unchecked Sendable {
        let base: any EventStore
        let headIsLocal: Bool
        private let lookups = Mutex(0)

        init(base: any EventStore, headIsLocal: Bool = true) {
            self.base = base
            self.headIsLocal = headIsLocal
        }

        var lastVersionLookups: Int { lookups.withLock { $0 } }

        func lastVersion(of stream: String) -> Int64? {
            lookups.withLock { $0 += 1 }
            return base.lastVersion(of: stream)
        }
    }

    private static let account = AccountID(sortCode: "401234", accountNumber: "10000329")!

    private static func data(_ event: some BankEventType, _ n: Int) throws -> EventData {
        try BankCodec.eventData(event, id: DerivedEventID.make(name: "head-test-\(n)"),
                                metadata: EventMetadata(correlationId: "c", causationId: "c"))
    }

    private static func cache(over store: CountingStore) -> StreamFoldCache<AccountState> {
        StreamFoldCache(store: store, initial: .none, fold: { state, event, _ in state.apply(event) }, isFinished: { _ in false },
                        othersWrite: false, capacity: 100)
    }

    @Test func aMemoIsAnsweredWithoutTheStoreWhileTheHeadStandsStillAndCheckedOnceItMoves() async throws {
        let store = CountingStore(base: MemoryEventStore(clock: ManualClock()))
        let stream = BankStream.account(Self.account).name
        _ = try await store.append(to: stream, expected: .noStream, events: [try Self.data(AccountOpened(account: Self.account, holder: "Ada"), 0)])
        let cache = Self.cache(over: store)

        #expect(try cache.state(of: stream).version == 0)
        let afterFirst = store.lastVersionLookups
        #expect(try cache.state(of: stream).state.status == .open)
        #expect(try cache.state(of: stream).version == 0)
        #expect(store.lastVersionLookups == afterFirst)

        // Appended behind the memo's back (not recorded into it): the head moved, so the next look asks.
        _ = try await store.append(to: stream, expected: .exact(0),
                                   events: [try Self.data(AccountBlocked(account: Self.account, reason: "fraud", by: "ops"), 1)])
        let blocked = try cache.state(of: stream)
        #expect(blocked.version == 1)
        #expect(blocked.state.status == .blocked)
        #expect(store.lastVersionLookups == afterFirst + 1)

        // Another stream's append moves the head too: the memo is checked again, and is still current.
        let other = BankStream.account(AccountID(sortCode: "401234", accountNumber: "10000337")!).name
        _ = try await store.append(to: other, expected: .noStream, events: [try Self.data(AccountOpened(account: Self.account, holder: "Bo"), 2)])
        #expect(try cache.state(of: stream).version == 1)
        #expect(store.lastVersionLookups == afterFirst + 2)
    }

    @Test func withoutAnExactHeadEveryLookAsksTheStore() async throws {
        let store = CountingStore(base: MemoryEventStore(clock: ManualClock()), headIsLocal: false)
        let stream = BankStream.account(Self.account).name
        _ = try await store.append(to: stream, expected: .noStream, events: [try Self.data(AccountOpened(account: Self.account, holder: "Ada"), 0)])
        let cache = Self.cache(over: store)
        for _ in 0..<3 { #expect(try cache.state(of: stream).version == 0) }
        #expect(store.lastVersionLookups == 3)
    }

    @Test func theFileAndMemoryStoresSayTheirHeadIsLocalAndADoubleDoesNot() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("head-local-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file: any EventStore = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os, clock: ManualClock()))
        let memory: any EventStore = MemoryEventStore(clock: ManualClock())
        final class Plain: ForwardingEventStore, @unchecked Sendable {
            let base: any EventStore
            init(base: any EventStore) { self.base = base }
        }
        #expect(file.headIsLocal && memory.headIsLocal)
        #expect(!Plain(base: memory).headIsLocal)
        await (file as? FileEventStore)?.close()
    }
}
