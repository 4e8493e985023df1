import Foundation

/// Every UUID the bank's events carry is written in lower case, as the stream names that
/// contain them are (`Payments-Inbound-4e57ad15-…`), so a `paymentId` in an event reads the same
/// as its stream. Foundation's `JSONEncoder` writes `uuidString` (upper case) and has no option
/// for it; these overloads are more specific than the generic `encode`, so the synthesised
/// `Codable` conformances in this module pick them. Decoding accepts either case, so events
/// stored upper-case by earlier versions still read. FastJSON's `JSONWriter.uuid` writes the
/// same bytes (`FastJSONTests` pins the two encoders to each other).
extension KeyedEncodingContainer {
    mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.uuidString.lowercased(), forKey: key)
    }

    mutating func encodeIfPresent(_ value: UUID?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value.uuidString.lowercased(), forKey: key)
    }
}
