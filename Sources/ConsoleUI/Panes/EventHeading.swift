import Foundation
import Store

/// What the stream browser and the payment timeline show of any event: where it stands in its
/// stream and in the log, its type and when it was recorded.
struct EventHeading: Hashable, Sendable {
    var stream: String
    var version: Int64
    var position: UInt64
    var type: String
    var created: Date
}

extension EventHeading {
    init(_ event: RecordedEvent) {
        self.init(stream: event.stream, version: event.version, position: event.position, type: event.type, created: event.created)
    }
}
