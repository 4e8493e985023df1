// MARK: - JSON in this project: one story
//
// - Codable is the format of the domain's shapes. Every bank event and its metadata, read-model
//   snapshots and the store's own records (checkpoints, projection state, group configs) are
//   Codable values; bank data goes through `BankCodec` (sorted keys, ISO 8601 dates), so equal
//   values give equal bytes on disk.
// - One fast path, FastJSON (`Processing/FastJSON`), for the processors' hot path only: the
//   seven events of a settling inbound payment and the processors' metadata. It writes exactly
//   the bytes Foundation writes (`FastJSONTests`) and steps aside to Codable for anything outside
//   its subset. It stays because `bank-bench payments` (payments.settled) and `bank-bench
//   models` (decode.events) run through it; a type joins it only when a bench shows it pays.
// - One small JSON value type for both faces, `JSONValue` (`Core/JSON`): it reads, reformats
//   and prints JSON a person gives or asks for, keeping member order and numbers as written;
//   the console shows it sorted (`JSONValue+Display`). It never encodes a domain shape.
// - Foundation's untyped JSON object API is not a fourth way: nothing in `Sources` uses it.

import Foundation
import Store

/// Cached JSON coders for bank events (Foundation's coders are costly to create and, in the
/// toolchain's swift-foundation, safe to share between threads).
public enum BankCodec {
    static let encoder: JSONEncoder = .bank
    static let decoder: JSONDecoder = .bank

    /// Why an event or its metadata could not be encoded. Foundation's encoder refuses only a
    /// value JSON cannot hold (a non-finite score or threshold); the fast path never fails.
    public enum EncodingFailure: Error, Hashable, Sendable, CustomStringConvertible {
        case unencodable(type: String, reason: String)

        public var description: String {
            switch self {
            case let .unencodable(type, reason): "\(type) does not encode as JSON: \(reason)"
            }
        }

        /// The same failure as the store's refusal of an event it cannot take.
        public var storeError: EventStoreError {
            switch self {
            case let .unencodable(type, reason): .invalidEventType(type, reason: "data does not encode as JSON: \(reason)")
            }
        }
    }

    /// Encodes an event's data (sorted keys: equal values give equal bytes): its fast codec
    /// when it has one and the text is in its range, otherwise Foundation's encoder.
    public static func encode<E: BankEventType>(_ event: E) throws(EncodingFailure) -> Data {
        if E.hasFastJSON {
            var writer = JSONWriter()
            if event.writeFastJSON(&writer), !writer.unsupported { return Data(writer.bytes) }
        }
        return try encodeWithFoundation(event)
    }

    /// Encodes an event's data with Foundation's encoder (the reference the fast path matches).
    public static func encodeWithFoundation<E: BankEventType>(_ event: E) throws(EncodingFailure) -> Data {
        try encodeWithFoundation(event, type: E.eventType)
    }

    /// Encodes metadata with Foundation's encoder (`encodeFast` writes the processors' form).
    public static func encode(_ metadata: EventMetadata) throws(EncodingFailure) -> Data {
        try encodeWithFoundation(metadata, type: "metadata")
    }

    private static func encodeWithFoundation(_ value: some Encodable, type: String) throws(EncodingFailure) -> Data {
        do {
            return try encoder.encode(value)
        } catch {
            throw .unencodable(type: type, reason: String(describing: error))
        }
    }

    /// Encodes metadata by hand: the same JSON object as `encode(_:)` (sorted keys), without
    /// Foundation's encoder, for the processors' hot path. Its strings escape only `"`, `\\`
    /// and control characters (the bytes every stored processor event's metadata has).
    public static func encodeFast(_ metadata: EventMetadata) -> Data {
        var causationId = metadata.causationId
        return causationId.withUTF8 { causation in
            encodeFast(causationId: causation, correlationId: metadata.correlationId, actor: metadata.actor,
                       schemaVersion: metadata.schemaVersion)
        }
    }

    /// The metadata of an event a processor writes: `encodeFast` of `EventMetadata(correlationId:
    /// correlationId, causationId: causedBy.lowercasedString, actor: actor)`, without building it.
    public static func encodeFast(correlationId: String, causedBy: UUID, actor: String) -> Data {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { causation in
            causedBy.writeLowercased(into: causation)
            return encodeFast(causationId: UnsafeBufferPointer(causation), correlationId: correlationId, actor: actor, schemaVersion: 1)
        }
    }

    /// Writes the metadata object into a buffer sized for the worst case (every byte escaped),
    /// then copies it into the `Data` once.
    private static func encodeFast(causationId: UnsafeBufferPointer<UInt8>, correlationId: String, actor: String?,
                                   schemaVersion: Int) -> Data {
        var correlationId = correlationId
        let hasActor = actor != nil
        var actor = actor ?? ""
        return correlationId.withUTF8 { correlation in
            actor.withUTF8 { actorBytes in
                // 61 bytes of keys and braces, 6 quotes, at most 20 for the version; 6 per escaped byte.
                let bound = 61 + 6 + 20 + 6 * (causationId.count + correlation.count + actorBytes.count)
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
                    var out = JSONBytes(buffer: buffer)
                    out.append("{\"$causationId\":")
                    out.appendQuoted(causationId)
                    out.append(",\"$correlationId\":")
                    out.appendQuoted(correlation)
                    if hasActor {
                        out.append(",\"actor\":")
                        out.appendQuoted(actorBytes)
                    }
                    out.append(",\"schemaVersion\":")
                    out.appendDecimal(schemaVersion)
                    out.append("}")
                    return Data(UnsafeBufferPointer(rebasing: buffer[..<out.count]))
                }
            }
        }
    }

    /// A JSON string literal (the reference `encodeFast` matches).
    static func quoted(_ text: String) -> String {
        JSONValue.quoted(text, .metadata)
    }

    /// Decodes an event's metadata; nil when it is absent or not the bank's shape.
    public static func metadata(of event: RecordedEvent) -> EventMetadata? {
        guard !event.metadata.isEmpty else { return nil }
        return Result { try decoder.decode(EventMetadata.self, from: event.metadata) }.success
    }

    /// Builds the `EventData` of a bank event.
    public static func eventData<E: BankEventType>(_ event: E, id: UUID, metadata: EventMetadata) throws(EncodingFailure) -> EventData {
        EventData(id: id, type: E.eventType, data: try encode(event), metadata: encodeFast(metadata),
                  attachment: AttachedBankEvent(event.wrapped), pinnedTo: event.wrapped.pinnedPaymentStream?.name)
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
