/// Standard base64 (RFC 4648 alphabet, `=` padding, no line breaks) written straight into a
/// caller's buffer, and read back: the same text as Foundation's `base64EncodedString()`, read
/// back only when canonical (stricter than `Data(base64Encoded:)`, which every text an encoder
/// wrote passes), without a `Data` and a `String` made on the way for each sealed name.
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

    /// Each ASCII byte's 6-bit value; 0xFF for a byte outside the alphabet.
    private static let values: [UInt8] = {
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { values[Int(byte)] = UInt8(index) }
        return values
    }()

    /// The bytes `text` encodes; nil when it is not base64 (a length not a multiple of four, a
    /// byte outside the alphabet, padding anywhere but the last one or two places, or padding
    /// bits that are not zero).
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        if text.isEmpty { return [] }
        let padding = text[text.count - 1] == UInt8(ascii: "=") ? (text[text.count - 2] == UInt8(ascii: "=") ? 2 : 1) : 0
        let count = text.count / 4 * 3 - padding
        return values.withUnsafeBufferPointer { table -> [UInt8]? in
            var valid = true
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                var output = 0
                var input = 0
                while input < text.count {
                    let last = input + 4 == text.count
                    let a = table[Int(text[input])], b = table[Int(text[input + 1])]
                    let c = last && padding == 2 ? 0 : table[Int(text[input + 2])]
                    let d = last && padding >= 1 ? 0 : table[Int(text[input + 3])]
                    guard (a | b | c | d) & 0xC0 == 0 else { valid = false; break }
                    let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    let produced = last ? 3 - padding : 3
                    if produced < 3, value & (padding == 2 ? 0xFFFF : 0xFF) != 0 { valid = false; break }
                    out[output] = UInt8(truncatingIfNeeded: value >> 16)
                    if produced > 1 { out[output + 1] = UInt8(truncatingIfNeeded: value >> 8) }
                    if produced > 2 { out[output + 2] = UInt8(truncatingIfNeeded: value) }
                    output += produced
                    input += 4
                }
                initialized = valid ? count : 0
            }
            return valid ? bytes : nil
        }
    }
}
