import Foundation
import Store
import Testing

/// What each durability mode does at the file layer, and what close leaves behind.
@Suite struct DurabilityModeTests {
    static let directory = URL(fileURLWithPath: "/sim/modes")

    @Test func fsyncModeSyncsOncePerAppendGroupAndOsModeNever() async throws {
        for (durability, expectedSyncs) in [(Durability.fsync, 3), (.os, 0)] {
            let disk = SimulatedDisk()
            let store = try FileEventStore.open(directory: Self.directory, options: FileStoreOptions(
                durability: durability, segmentSize: 1 << 16, clock: ManualClock(), fileSystem: disk))
            let before = disk.syncCount
            for n in 0..<3 { _ = try await store.append(to: "Account-1", expected: .any, events: [event(n), event(n + 100)]) }
            #expect(disk.syncCount - before == expectedSyncs, "\(durability)")
            await store.close()
        }
    }

    @Test func aClosedStoreVerifiesCleanWithASnapshotCoveringEveryEvent() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        // Interval 0: the index is saved at every close, however few events are new.
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(
            durability: .os, segmentSize: 8 << 10, clock: ManualClock(), snapshotInterval: 0))
        for n in 0..<150 { _ = try await store.append(to: "Account-\(n % 4)", expected: .any, events: [event(n)]) }
        await store.close()
        let report = try FileEventStore.verify(directory: directory.url)
        #expect(report.problems == [])
        #expect(report.events == 150)
        #expect(report.checkpointPosition == 150)
        #expect(report.snapshotPosition == 150)
        #expect(report.tornTail == nil)
        #expect(report.segments >= 2)
    }

    @Test func writerStatisticsCountEveryConcurrentAppend() async throws {
        let disk = SimulatedDisk()
        let store = try FileEventStore.open(directory: Self.directory, options: FileStoreOptions(
            durability: .fsync, segmentSize: 1 << 20, clock: ManualClock(), fileSystem: disk))
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<32 {
                group.addTask {
                    for n in 0..<20 {
                        do {
                            _ = try await store.append(to: "Account-\(writer)", expected: .any, events: [event(writer * 100 + n)])
                        } catch {
                            Issue.record("append failed: \(error)")
                        }
                    }
                }
            }
        }
        let statistics = store.writerStatistics
        #expect(statistics.events == 640)
        #expect(statistics.requests == 640)
        #expect(statistics.groups >= 1 && statistics.groups <= 640)
        #expect(store.headPosition == 640)
        await store.close()
    }
}
