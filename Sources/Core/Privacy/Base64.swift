/// Standard base64 (RFC 4648 alphabet, `=` padding, no line breaks) written straight into a
/// caller's buffer: the same text as Foundation's `base64EncodedString()`, without a `Data`
/// and a `String` made on the way for each sealed name.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The length of the encoding of `count` bytes.
    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes the encoding of `bytes` at the start of `out` (`encodedCount(bytes.count)` long at least).
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) {
        alphabet.withUnsafeBufferPointer { table in
            var input = 0, output = 0
            while input + 3 <= bytes.count {
                let value = UInt32(bytes[input]) << 16 | UInt32(bytes[input + 1]) << 8 | UInt32(bytes[input + 2])
                out[output] = table[Int(value >> 18)]
                out[output + 1] = table[Int(value >> 12 & 0x3F)]
                out[output + 2] = table[Int(value >> 6 & 0x3F)]
                out[output + 3] = table[Int(value & 0x3F)]
                input += 3
                output += 4
            }
            let rest = bytes.count - input
            guard rest > 0 else { return }
            let value = UInt32(bytes[input]) << 16 | (rest == 2 ? UInt32(bytes[input + 1]) << 8 : 0)
            out[output] = table[Int(value >> 18)]
            out[output + 1] = table[Int(value >> 12 & 0x3F)]
            out[output + 2] = rest == 2 ? table[Int(value >> 6 & 0x3F)] : UInt8(ascii: "=")
            out[output + 3] = UInt8(ascii: "=")
        }
    }
}
