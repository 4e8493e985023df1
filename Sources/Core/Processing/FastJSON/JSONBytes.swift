/// Appends JSON text to a buffer the caller sized for the worst case: no growth checks, no
/// allocation. Strings escape as `BankCodec.quoted` does (`"`, `\`, control characters).
struct JSONBytes {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(bytes: $0) }
    }

    mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        _ = UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(from: bytes)
        count += bytes.count
    }

    mutating func append(byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    /// A JSON string literal: at most 6 bytes per input byte, plus the quotes.
    mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        append(byte: 0x22)
        for byte in text {
            switch byte {
            case 0x22: append(byte: 0x5C); append(byte: 0x22)
            case 0x5C: append(byte: 0x5C); append(byte: 0x5C)
            case 0x0A: append(byte: 0x5C); append(byte: 0x6E)
            case 0x0D: append(byte: 0x5C); append(byte: 0x72)
            case 0x09: append(byte: 0x5C); append(byte: 0x74)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                append("\\u00")
                hex.withUTF8Buffer { digits in
                    append(byte: digits[Int(byte >> 4)])
                    append(byte: digits[Int(byte & 0x0F)])
                }
            default: append(byte: byte)
            }
        }
        append(byte: 0x22)
    }

    /// An integer in decimal (at most 20 bytes).
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(byte: 0x2D) }
        appendDigits(value.magnitude)
    }

    private mutating func appendDigits(_ value: UInt) {
        if value >= 10 { appendDigits(value / 10) }
        append(byte: 0x30 + UInt8(value % 10))
    }
}
