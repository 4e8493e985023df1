import Foundation
import Store

/// Cached JSON coders for bank events (Foundation's coders are costly to create and, in the
/// toolchain's swift-foundation, safe to share between threads).
public enum BankCodec {
    static let encoder: JSONEncoder = .bank
    static let decoder: JSONDecoder = .bank

    /// Encodes an event's data (sorted keys: equal values give equal bytes).
    public static func encode<E: BankEventType>(_ event: E) -> Data {
        if E.hasFastJSON {
            var writer = JSONWriter()
            if event.writeFastJSON(&writer), !writer.unsupported { return Data(writer.bytes) }
        }
        return encodeWithFoundation(event)
    }

    /// Encodes an event's data with Foundation's encoder (the reference the fast path matches).
    public static func encodeWithFoundation<E: BankEventType>(_ event: E) -> Data {
        do {
            return try encoder.encode(event)
        } catch {
            // Bank event types are plain structs of strings, numbers, dates and UUIDs: encoding cannot fail.
            fatalError("bank event \(E.eventType) failed to encode: \(error)")
        }
    }

    /// Encodes metadata.
    public static func encode(_ metadata: EventMetadata) -> Data {
        do {
            return try encoder.encode(metadata)
        } catch {
            // EventMetadata holds strings and an integer: encoding cannot fail.
            fatalError("event metadata failed to encode: \(error)")
        }
    }

    /// Encodes metadata by hand: the same JSON object as `encode(_:)` (sorted keys), without
    /// Foundation's encoder, for the processors' hot path. Its strings escape only `"`, `\\`
    /// and control characters (the bytes every stored processor event's metadata has).
    public static func encodeFast(_ metadata: EventMetadata) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        append("{\"$causationId\":", to: &bytes)
        appendQuoted(metadata.causationId, to: &bytes)
        append(",\"$correlationId\":", to: &bytes)
        appendQuoted(metadata.correlationId, to: &bytes)
        if let actor = metadata.actor {
            append(",\"actor\":", to: &bytes)
            appendQuoted(actor, to: &bytes)
        }
        append(",\"schemaVersion\":", to: &bytes)
        append(String(metadata.schemaVersion), to: &bytes)
        bytes.append(0x7D)
        return Data(bytes)
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends a JSON string literal, exactly as `quoted` writes it.
    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var text = text
        let plain = text.withUTF8 { utf8 in
            // The common case (ids, names): nothing to escape, so copy the bytes in one go.
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(0x22)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    /// A JSON string literal (the reference `encodeFast` matches).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Decodes an event's metadata; nil when it is absent or not the bank's shape.
    public static func metadata(of event: RecordedEvent) -> EventMetadata? {
        guard !event.metadata.isEmpty else { return nil }
        return Result { try decoder.decode(EventMetadata.self, from: event.metadata) }.success
    }

    /// Builds the `EventData` of a bank event.
    public static func eventData<E: BankEventType>(_ event: E, id: UUID, metadata: EventMetadata) -> EventData {
        EventData(id: id, type: E.eventType, data: encode(event), metadata: encodeFast(metadata))
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
