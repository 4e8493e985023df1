import Foundation
import Store
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    @Test func aReadOnlyOpenOfAMissingDirectoryIsAnErrorAndCreatesNothing() throws {
        let directory = TemporaryDirectory()
        #expect(throws: EventStoreError.io(path: directory.url.standardizedFileURL.path, reason: "no store in this directory")) {
            try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
