import Foundation
import Store
import Testing

/// A full disk (ENOSPC) or a failing device (EIO) stops the writer cleanly: the appends it was
/// writing fail, and failed means never committed, not even after a reopen; reads go on.
@Suite struct DiskFullTests {
    static let directory = URL(fileURLWithPath: "/sim/full")

    static func options(_ disk: SimulatedDisk) -> FileStoreOptions {
        FileStoreOptions(durability: .fsync, segmentSize: 4096, clock: ManualClock(), fileSystem: disk)
    }

    /// A store with `count` acknowledged single-event appends to Account-1, and those events.
    static func acknowledged(_ count: Int, on disk: SimulatedDisk) async throws -> (FileEventStore, [RecordedEvent]) {
        let store = try FileEventStore.open(directory: directory, options: options(disk))
        for n in 0..<count {
            _ = try await store.append(to: "Account-1", expected: .exact(Int64(n) - 1), events: [event(n)])
        }
        return (store, try store.read("Account-1"))
    }

    /// Reopens `disk` and checks that exactly `acknowledged` are there, byte for byte.
    static func expectOnly(_ acknowledged: [RecordedEvent], on disk: SimulatedDisk) async throws {
        let reopened = try FileEventStore.open(directory: directory, options: options(disk))
        let all = try reopened.read("$all")
        #expect(all.map(\.id) == acknowledged.map(\.id))
        #expect(all.map(\.data) == acknowledged.map(\.data))
        #expect(all.map(\.metadata) == acknowledged.map(\.metadata))
        #expect(all.map(\.created) == acknowledged.map(\.created))
        // The writer goes on after the failed appends' place, and they can be retried.
        let retried = try await reopened.append(to: "Account-1", expected: .any, events: [event(900)])
        #expect(retried.firstPosition == UInt64(acknowledged.count))
        await reopened.close()
    }

    @Test func anAppendWhoseSyncFailedNeverAppearsAfterAReopenEvenThoughItsBytesReachedTheFile() async throws {
        let disk = SimulatedDisk()
        let (store, before) = try await Self.acknowledged(3, on: disk)
        disk.state.withLock { $0.syncError = "No space left on device" }
        await #expect(throws: EventStoreError.writerFailed("/sim/full/segment-000000.log: No space left on device")) {
            try await store.append(to: "Account-1", expected: .exact(2), events: [event(3), event(4)])
        }
        #expect(try store.read("Account-1").map(\.id) == before.map(\.id))
        await store.close()
        disk.state.withLock { $0.syncError = nil }
        // The failed append's records are in the file (the write went through, the sync did not).
        try await Self.expectOnly(before, on: disk)
    }

    @Test func aFullDiskWhenTheNextSegmentIsAllocatedFailsTheWholeGroupAndNoneOfItComesBack() async throws {
        let disk = SimulatedDisk()
        let (store, before) = try await Self.acknowledged(30, on: disk)
        disk.state.withLock { $0.allocationError = "No space left on device" }
        // One group of eight appends: the first ones fit in segment 0, the rest need segment 1.
        let results = await store.append((0..<8).map {
            StreamAppend(stream: "Card-\($0)", expected: .noStream, events: [event(100 + $0, data: String(repeating: "c", count: 160))])
        })
        let failure = EventStoreError.writerFailed("/sim/full/segment-000001.log: cannot reserve 4096 bytes: No space left on device")
        for result in results {
            #expect(throws: failure) { try result.get() }
        }
        #expect(disk.fileNames(in: Self.directory.path).contains("segment-000001.log"))
        // Reads keep working, and nothing of the failed group is visible.
        #expect(store.headPosition == 30)
        #expect(try store.read("$all").map(\.id) == before.map(\.id))
        #expect(store.writerFailure == "/sim/full/segment-000001.log: cannot reserve 4096 bytes: No space left on device")
        await #expect(throws: EventStoreError.writerFailed("/sim/full/segment-000001.log: cannot reserve 4096 bytes: No space left on device")) {
            try await store.append(to: "Account-1", expected: .any, events: [event(200)])
        }
        await store.close()
        // verify counts only what was acknowledged; the failed group's records are the log's unfinished end.
        let report = try FileEventStore.verify(directory: Self.directory, fileSystem: disk)
        #expect(report.isHealthy)
        #expect(report.events == 30)
        #expect(report.tornTail?.file == "segment-000000.log")
        disk.state.withLock { $0.allocationError = nil }
        try await Self.expectOnly(before, on: disk)
    }

    @Test func aFailureThatCannotEvenBeRecordedSaysTheOutcomeIsUnknownAndARetryWithTheSameIdsIsSafe() async throws {
        let disk = SimulatedDisk()
        let (store, before) = try await Self.acknowledged(2, on: disk)
        disk.state.withLock { state in
            state.syncError = "Input/output error"
            state.faultyPaths = ""
        }
        let reason = "/sim/full/segment-000000.log: Input/output error; then recording the stop failed: /sim/full/checkpoint: Input/output error"
        await #expect(throws: EventStoreError.appendOutcomeUnknown(reason)) {
            try await store.append(to: "Account-1", expected: .exact(1), events: [event(2)])
        }
        await store.close()
        disk.state.withLock { $0.syncError = nil }
        let reopened = try FileEventStore.open(directory: Self.directory, options: Self.options(disk))
        let retried = try await reopened.append(to: "Account-1", expected: .any, events: [event(2)])
        #expect(retried.firstVersion == 2)
        #expect(try reopened.read("Account-1").map(\.id) == before.map(\.id) + [id(2)])
        await reopened.close()
    }

    @Test func aStoreCannotBeCreatedOnAFullDiskAndSaysSo() throws {
        let disk = SimulatedDisk()
        disk.state.withLock { $0.allocationError = "No space left on device" }
        #expect(throws: EventStoreError.io(path: "/sim/full/segment-000000.log", reason: "cannot reserve 4096 bytes: No space left on device")) {
            try FileEventStore.open(directory: Self.directory, options: Self.options(disk))
        }
    }

    @Test func aNewSegmentHasItsSpaceReservedOnDiskNotLeftSparse() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(durability: .os, segmentSize: 1 << 20))
        _ = try await store.append(to: "Account-1", expected: .any, events: [event(1)])
        var info = stat()
        #expect(stat(directory.path + "/segment-000000.log", &info) == 0)
        // Blocks of 512 bytes actually allocated: all of the segment, not just what was written.
        #expect(Int(info.st_blocks) * 512 >= 1 << 20)
        await store.close()
    }
}
