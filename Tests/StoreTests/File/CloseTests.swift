import Foundation
@testable import Store
import Testing

/// Closing a store leaves nothing of it behind on another thread: once `close()` returns, the
/// caller's reference is the last, so the store (its index, its mappings) is freed where the
/// caller drops it, not later beside whatever the caller does next.
@Suite struct CloseTests {
    /// Repeated: when the save queue kept the store, whether it had let go by the time `close`
    /// returned was a race, lost about one time in six.
    @Test func aClosedStoreIsFreedWhenItsHolderDropsItEvenAfterASaveAtClose() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // Interval 0: the index is saved at every close, on the store's save queue.
        let options = FileStoreOptions(durability: .os, segmentSize: 8 << 10, clock: ManualClock(), snapshotInterval: 0)
        var kept = 0
        for round in 0..<40 {
            var store: FileEventStore? = try FileEventStore.open(directory: directory.url, options: options)
            for n in (round * 5)..<(round * 5 + 5) {
                _ = try await store?.append(to: "Account-\(n % 4)", expected: .any, events: [event(n, data: String(repeating: "d", count: 150))])
            }
            await store?.close()
            weak var closed = store
            store = nil
            if closed != nil { kept += 1 }
        }
        #expect(kept == 0)
        let manifest = try #require(try IndexManifest.load(directory: directory.path, fileSystem: PosixFileSystem())?.get())
        #expect(manifest.end == 200)
    }
}
