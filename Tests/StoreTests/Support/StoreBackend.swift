import Foundation
import PostgresStore
import Store

/// A backend the conformance suite runs against.
enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Every backend this run can test: PostgreSQL only when `BANK_TEST_POSTGRES` names a
    /// server (`PostgresConformanceNote` says so when it does not).
    static var allCases: [StoreBackend] {
        [.memory, .file, .fileSmallTailCache, .fileUncached] + (PostgresTestServer.uri == nil ? [] : [.postgres])
    }

    case memory
    /// The file store as opened by default (its tail cache holds every event of a test).
    case file
    /// A tail cache of 3 events: most pages are read partly from the cache, partly from the log.
    case fileSmallTailCache
    /// No tail cache: every event is decoded from the log.
    case fileUncached
    /// `PostgresEventStore` on the server `BANK_TEST_POSTGRES` names, in a schema of its own
    /// dropped when the test finishes.
    case postgres

    var description: String { rawValue }

    /// A fresh, empty store driven by `clock`.
    func make(clock: ManualClock = ManualClock()) throws -> StoreUnderTest {
        switch self {
        case .memory:
            return StoreUnderTest(store: MemoryEventStore(clock: clock), directory: nil)
        case .postgres:
            return try PostgresTestServer.make(clock: clock)
        case .file, .fileSmallTailCache, .fileUncached:
            let directory = TemporaryDirectory()
            let tailCacheEvents = switch self {
            case .fileSmallTailCache: 3
            case .fileUncached: 0
            case .memory, .file, .postgres: 16_384
            }
            let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(
                durability: .os, segmentSize: 64 << 10, clock: clock, tailCacheEvents: tailCacheEvents))
            return StoreUnderTest(store: store, directory: directory)
        }
    }
}

extension StoreBackend {
    /// Runs `body` on a fresh, empty store of this backend driven by `clock`, then closes the
    /// store and removes what it left behind, whether or not `body` threw.
    func withStore(clock: ManualClock = ManualClock(), _ body: (any EventStore) async throws -> Void) async throws {
        let sut = try make(clock: clock)
        do {
            try await body(sut.store)
        } catch {
            await sut.finish()
            throw error
        }
        await sut.finish()
    }
}

/// A store and what to clean up after it.
struct StoreUnderTest: Sendable {
    let store: any EventStore
    let directory: TemporaryDirectory?
    /// What else to remove after the store is closed (a PostgreSQL schema).
    var cleanup: (@Sendable () -> Void)?

    func finish() async {
        await store.close()
        directory?.remove()
        cleanup?()
    }
}

/// A directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)", isDirectory: true)
    }

    var path: String { url.path }

    func remove() {
        do { try FileManager.default.removeItem(at: url) } catch { /* already gone */ }
    }
}

/// Deterministic ids: `id(1)` is `00000000-0000-0000-0000-000000000001`.
func id(_ n: Int) -> UUID {
    let hex = String(n, radix: 16)
    let padded = String(repeating: "0", count: 12 - hex.count) + hex
    return UUID(uuidString: "00000000-0000-0000-0000-" + padded)!
}

/// An event with a deterministic id and a small JSON body.
func event(_ n: Int, type: String = "Happened", data: String? = nil) -> EventData {
    EventData(id: id(n), type: type, data: Data((data ?? "{\"n\":\(n)}").utf8), metadata: Data("{\"m\":\(n)}".utf8))
}
