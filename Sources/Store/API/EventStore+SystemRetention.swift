import Foundation

extension EventStore {
    /// Keeps only the newest `maxCount` events of one of the store's own `$` streams visible
    /// (checkpoints, projection state), so streams that are rewritten periodically do not
    /// grow without bound in reads. Writes `$$$…` metadata only when it changes.
    public func limitSystemStream(_ stream: String, maxCount: Int64) async throws(EventStoreError) {
        try StreamNames.validateSystemStream(stream)
        guard try metadata(of: stream).maxCount != maxCount else { return }
        let metadata = StreamMetadata(maxCount: maxCount)
        let id = StableHash.uuid(stream, "retention", String(maxCount))
        _ = try await appendToSystemStream(StreamNames.metadataStream(of: stream), expected: .any,
                                           events: [EventData(id: id, type: StreamIndex.metadataType, data: metadata.json)])
    }
}
