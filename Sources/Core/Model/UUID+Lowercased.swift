import Foundation

extension UUID {
    /// `lowercasedString` without Foundation's formatting (the bank's stream names and
    /// metadata use it for every event).
    public var lowercasedString: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            writeLowercased(into: buffer)
            return 36
        }
    }

    /// Writes the 36 bytes of `lowercasedString` at the start of `buffer`.
    func writeLowercased(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let hex: StaticString = "0123456789abcdef"
        hex.withUTF8Buffer { digits in
            withUnsafeBytes(of: uuid) { raw in
                var out = 0
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        buffer[out] = 0x2D
                        out += 1
                    }
                    buffer[out] = digits[Int(byte >> 4)]
                    buffer[out + 1] = digits[Int(byte & 0x0F)]
                    out += 2
                }
            }
        }
    }
}
