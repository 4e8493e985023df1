import Foundation
import Store
import Testing

/// An I/O error stops the writer for good; reads go on; nothing acknowledged is lost.
@Suite struct WriterFailureTests {
    static let directory = URL(fileURLWithPath: "/sim/failing")

    static func options(_ disk: SimulatedDisk) -> FileStoreOptions {
        FileStoreOptions(durability: .fsync, segmentSize: 4096, clock: ManualClock(), fileSystem: disk)
    }

    @Test(arguments: ["write", "sync"])
    func aFailedWriteOrSyncStopsTheWriterAndReadsKeepWorking(_ failing: String) async throws {
        let disk = SimulatedDisk()
        let store = try FileEventStore.open(directory: Self.directory, options: Self.options(disk))
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
        disk.state.withLock { state in
            if failing == "write" { state.writeError = "No space left on device" } else { state.syncError = "Input/output error" }
        }
        let reason = failing == "write"
            ? "/sim/failing/segment-000000.log: write failed: No space left on device"
            : "/sim/failing/segment-000000.log: Input/output error"
        await #expect(throws: EventStoreError.writerFailed(reason)) {
            try await store.append(to: "Account-1", expected: .exact(1), events: [event(3)])
        }
        disk.state.withLock { $0.writeError = nil; $0.syncError = nil }
        // It does not retry and pretend: the writer stays stopped even though the disk recovered.
        await #expect(throws: EventStoreError.writerFailed(reason)) {
            try await store.append(to: "Account-2", expected: .any, events: [event(4)])
        }
        #expect(store.writerFailure == reason)
        #expect(try store.read("Account-1").map(\.id) == [id(1), id(2)])
        #expect(store.headPosition == 2)
        await store.close()

        var random = SplitMix64(seed: 1)
        let reopened = try FileEventStore.open(directory: Self.directory, options: Self.options(disk.afterCrash(using: &random)))
        #expect(try reopened.read("Account-1").prefix(2).map(\.id) == [id(1), id(2)])
        await reopened.close()
    }
}
