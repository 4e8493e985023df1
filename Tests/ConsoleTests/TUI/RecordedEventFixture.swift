import Foundation
import Store

enum RecordedEventFixture {
    static func event(stream: String, position: UInt64, type: String = "LedgerEntryPosted", version: Int64 = 0, data: String = "{}") -> RecordedEvent {
        RecordedEvent(stream: stream, version: version, position: position,
                      id: UUID(uuidString: "00000000-0000-4000-8000-\(String(format: "%012d", position))")!,
                      type: type, created: Fixture.now, data: Data(data.utf8), metadata: Data("{}".utf8))
    }
}
