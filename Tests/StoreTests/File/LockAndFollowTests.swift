import Foundation
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Segment file names as the store writes them.
enum LogNames {
    static func segment(_ index: Int) -> String {
        let digits = String(index)
        return "segment-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".log"
    }
}

/// One writer per directory; read-only stores work beside it and follow it.
@Suite struct LockAndFollowTests {
    static func options(readOnly: Bool = false) -> FileStoreOptions {
        FileStoreOptions(durability: .fsync, readOnly: readOnly, segmentSize: 64 << 10, clock: ManualClock(),
                         followInterval: .milliseconds(2))
    }

    @Test func aSecondWriterIsRefusedWithTheHoldersPid() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(throws: EventStoreError.locked(directory: directory.url.standardizedFileURL.path, pid: getpid())) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        await writer.close()
        let next = try FileEventStore.open(directory: directory.url, options: Self.options())
        await next.close()
    }

    @Test func aReadOnlyStoreBesideTheWriterSeesEventsOnceTheyAreDurable() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
        _ = try await writer.append(to: "Account-1", expected: .noStream, events: [event(1), event(2)])
        let reader = try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true))
        #expect(try reader.read("Account-1").map(\.id) == [id(1), id(2)])
        await #expect(throws: EventStoreError.readOnly) {
            try await reader.append(to: "Account-1", expected: .any, events: [event(3)])
        }
        _ = try await writer.append(to: "Account-2", expected: .noStream, events: [event(3)])
        await reader.waitForEvents(beyond: 2)
        #expect(try reader.read("$all").map(\.id) == [id(1), id(2), id(3)])
        #expect(reader.lastVersion(of: "Account-2") == 0)
        await writer.close()
        await reader.close()
    }

    @Test func aReadOnlyStoreFollowsTheWriterIntoNewSegments() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let writer = try FileEventStore.open(directory: directory.url, options: Self.options())
        let reader = try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true))
        let subscription = reader.subscribe(to: .category("Account"))
        let collected = Task {
            var ids: [UUID] = []
            for try await message in subscription {
                if case .event(let event) = message { ids.append(event.id) }
                if ids.count == 300 { break }
            }
            return ids
        }
        for n in 0..<300 {
            _ = try await writer.append(to: "Account-\(n % 3)", expected: .any, events: [event(n, data: String(repeating: "z", count: 500))])
        }
        #expect(try await collected.value == (0..<300).map { id($0) })
        await writer.close()
        await reader.close()
    }

    @Test func aReadOnlyOpenDuringASegmentRolloverSeesTheDurableEvents() async throws {
        let disk = SimulatedDisk()
        let url = URL(fileURLWithPath: "/sim/rollover")
        let options = FileStoreOptions(durability: .fsync, segmentSize: 4096, clock: ManualClock(), fileSystem: disk)
        let writer = try FileEventStore.open(directory: url, options: options)
        for n in 0..<40 { _ = try await writer.append(to: "Account-1", expected: .any, events: [event(n)]) }
        await writer.close()
        // The next segment just created by a writer, not yet sized or given its header.
        let next = LogNames.segment(disk.fileNames(in: url.path).filter { $0.hasPrefix("segment-") }.count)
        _ = try disk.open(url.path + "/" + next, mode: .create)
        var readOnly = options
        readOnly.readOnly = true
        let reader = try FileEventStore.open(directory: url, options: readOnly)
        #expect(try reader.read("Account-1").count == 40)
        await reader.close()
        let reopened = try FileEventStore.open(directory: url, options: options)
        #expect(reopened.headPosition == 40)
        await reopened.close()
    }

    @Test func aReadOnlyOpenOfAMissingDirectoryIsAnErrorAndCreatesNothing() throws {
        let directory = TemporaryDirectory()
        #expect(throws: EventStoreError.io(path: directory.url.standardizedFileURL.path, reason: "no store in this directory")) {
            try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
