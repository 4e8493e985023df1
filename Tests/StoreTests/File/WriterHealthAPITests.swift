import Foundation
import Store
import Testing

/// `EventStore.writerFailure`: callers holding `any EventStore` (the console, `run`) see a file
/// store's stopped writer; a store that cannot stop always reports a healthy one.
@Suite struct WriterHealthAPITests {
    @Test func aFileStoresStoppedWriterShowsThroughTheProtocol() async throws {
        let disk = SimulatedDisk()
        let file = try FileEventStore.open(directory: URL(fileURLWithPath: "/sim/health"),
                                           options: FileStoreOptions(durability: .fsync, segmentSize: 4096, clock: ManualClock(), fileSystem: disk))
        let store: any EventStore = file
        #expect(store.writerFailure == nil)
        disk.state.withLock { $0.writeError = "No space left on device" }
        _ = try? await store.append(to: "Account-1", expected: .any, events: [event(1)])
        #expect(store.writerFailure == "/sim/health/segment-000000.log: write failed: No space left on device")
        #expect(store.writerFailure == file.writerFailure)
        await file.close()
    }

    @Test func aMemoryStoreNeverReportsAStoppedWriter() {
        let store: any EventStore = MemoryEventStore()
        #expect(store.writerFailure == nil)
    }
}
