import Foundation

extension UUID {
    /// Parses the 36-character text form (`8-4-4-4-12` hex digits, either case) over the
    /// text's UTF-8 bytes: on Linux Foundation's `UUID(uuidString:)` parses it with `sscanf`,
    /// which was a tenth of a member process's CPU in `bank-bench payments` (every event
    /// decoded on the processors' path carries one or two ids).
    ///
    /// Stricter than Foundation's, whose `sscanf` also takes a sign or a space before a pair of
    /// digits: those texts are refused here, and `JSONObject`'s callers then decode the event
    /// with Foundation's decoder, which reads them as it always has.
    public init?(parsing text: String) {
        var text = text
        guard let bytes = text.withUTF8({ Self.parse($0) }) else { return nil }
        self.init(uuid: bytes)
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard text.count == 36 else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &value) { out -> Bool in
            var index = 0
            for byte in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard text[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                }
                guard let high = hexDigit(text[index]), let low = hexDigit(text[index + 1]) else { return false }
                out[byte] = high << 4 | low
                index += 2
            }
            return true
        }
        return parsed ? value : nil
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
