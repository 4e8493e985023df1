import Foundation
import Store
import Testing
@testable import ConsoleUI

/// The time machine shows the event `$all` holds at a position even when its stream no longer
/// does (past the stream's `$maxCount`, as a projection's result stream is kept).
@Suite struct TruncatedStreamSeekTests {
    @Test func aSeekToAnEventPastItsStreamsMaxCountShowsThatEvent() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-seek-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os))
        let notes = (0..<3).map { n in EventData(type: "Noted", data: Data("{\"n\":\(n)}".utf8)) }
        _ = try await store.append(to: "Notes-1", expected: .noStream, events: notes)
        try await store.setMetadata(StreamMetadata(maxCount: 1), of: "Notes-1")
        #expect(throws: EventStoreError.eventNotFound(stream: "Notes-1", version: 0)) { try store.event(stream: "Notes-1", version: 0) }

        let snapshot = try TimeQuery(State(size: Size(width: 120, height: 40), now: Date(timeIntervalSince1970: 0))).read(at: 0, in: store)
        await store.close()

        #expect(snapshot.position == 0)
        #expect(snapshot.event?.row.event.stream == "Notes-1")
        #expect(snapshot.event?.row.event.version == 0)
        #expect(snapshot.event?.dataLines == ["{", "  \"n\" : 0", "}"])
    }
}
