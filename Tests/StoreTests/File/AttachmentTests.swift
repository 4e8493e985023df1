import Foundation
import Store
import Testing

/// The appender's in-memory attachment rides along with events read from the tail cache, and
/// nowhere else: not on disk, not through a cold read, not after a field changes.
@Suite struct AttachmentTests {
    final class Note: Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    @Test func anEventReadFromTheTailCarriesItsAttachmentAndAColdReadDoesNot() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(durability: .os, clock: ManualClock()))
        let note = Note("decoded")
        _ = try await store.append(to: "Account-1", expected: .any, events: [
            EventData(type: "Opened", data: Data("{}".utf8), attachment: note),
        ])
        let tail = try store.read(.stream("Account-1"))
        #expect((tail.first?.attachment as? Note) === note)
        #expect((try store.read(.eventType("Opened")).first?.attachment as? Note) === note)

        var changed = try #require(tail.first)
        changed.data = Data("{\"x\":1}".utf8)
        #expect(changed.attachment == nil)

        let cold = try FileEventStore.open(directory: directory.url, options: FileStoreOptions(readOnly: true, clock: ManualClock()))
        let read = try cold.read(.stream("Account-1"))
        #expect(read.first?.attachment == nil)
        #expect(read == tail)
        await cold.close()
        await store.close()
    }

    @Test func attachmentsAreNotPartOfEquality() {
        let id = UUID()
        let plain = EventData(id: id, type: "Opened", data: Data("{}".utf8))
        let attached = EventData(id: id, type: "Opened", data: Data("{}".utf8), attachment: Note("x"))
        #expect(plain == attached)
        #expect(plain.hashValue == attached.hashValue)
    }
}
