import Foundation

/// A change waiting for the group-commit writer, with the appender to resume.
struct WriteRequest {
    enum Kind {
        case append(stream: String, expected: ExpectedVersion, events: [EventData])
        case setMetadata(stream: String, metadata: StreamMetadata)
        case delete(stream: String, expected: ExpectedVersion)
        case tombstone(stream: String, expected: ExpectedVersion)
    }

    var kind: Kind
    var continuation: CheckedContinuation<Result<AppendResult, EventStoreError>, Never>
}

extension UUID {
    /// A deterministic id for an event the store itself writes (metadata, tombstones), from its position.
    init(storeEventAt position: UInt64) {
        var bytes: uuid_t = (0x62, 0x61, 0x6E, 0x6B, 0x73, 0x74, 0x6F, 0x72, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw.storeBytes(of: position.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        self.init(uuid: bytes)
    }
}
