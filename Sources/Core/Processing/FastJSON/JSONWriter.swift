import Foundation

/// Writes the bank's event JSON by hand, byte for byte what `JSONEncoder.bank` writes (sorted
/// keys, `/` escaped as `\/`), for the processors' hot path.
///
/// Covers printable ASCII text only: a string with a control character or a non-ASCII scalar
/// sets `unsupported`, and the caller falls back to Foundation's encoder.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Set when a value needs escaping this writer does not reproduce exactly.
    public private(set) var unsupported = false

    public init() {
        // Room for the larger events (those with sealed names) without growing the buffer.
        bytes.reserveCapacity(512)
    }

    /// `{`
    public mutating func open() { bytes.append(0x7B) }

    /// `}`
    public mutating func close() { bytes.append(0x7D) }

    /// `,"name":` (no comma after `{`); keys must be written in sorted order.
    public mutating func key(_ name: StaticString) {
        if let last = bytes.last, last != 0x7B { bytes.append(0x2C) }
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        bytes.append(0x3A)
    }

    /// A string literal as Foundation's encoder writes it (`"`, `\\` and `/` escaped); any
    /// byte outside printable ASCII marks the writer `unsupported`. Runs of bytes with nothing
    /// to escape are copied in one go, and looked over eight at a time, so a sealed name's
    /// base64 (about a hundred bytes, a `/` in one of 64) does not go byte by byte.
    public mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            let count = utf8.count
            var runStart = 0
            var index = 0
            while index < count {
                if index + 8 <= count, !Self.mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = base[index]
                index += 1
                if byte >= 0x20 && byte <= 0x7E && byte != 0x22 && byte != 0x5C && byte != 0x2F { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - 1 - runStart))
                runStart = index
                switch byte {
                case 0x22, 0x5C, 0x2F: bytes.append(0x5C); bytes.append(byte)
                default: unsupported = true
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
        bytes.append(0x22)
    }

    /// Whether any of the eight bytes of `word` may be one `string` escapes or refuses: `"`,
    /// `\\`, `/`, a control character, DEL or a byte past ASCII. Never false for such a word
    /// (it may be true for a clean one; the bytes are then looked at one by one).
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // Some byte of `value` is zero.
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        // Past ASCII; below 0x20 (with no byte past ASCII, subtracting 0x20 from each sets a high
        // bit only by borrowing); DEL, `"`, `\\`, `/`.
        return word & highs != 0 || (word &- 0x20 &* ones) & highs != 0 || hasZero(word ^ (0x7F &* ones))
            || hasZero(word ^ (0x22 &* ones)) || hasZero(word ^ (0x5C &* ones)) || hasZero(word ^ (0x2F &* ones))
    }

    public mutating func bool(_ value: Bool) {
        if value { bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    public mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(0x2D) }
        digits(value.magnitude)
    }

    private mutating func digits(_ value: UInt64) {
        if value >= 10 { digits(value / 10) }
        bytes.append(0x30 + UInt8(value % 10))
    }

    /// A UUID as the bank's events write it: its `uuidString` in lower case (see
    /// `KeyedEncodingContainer+LowercaseUUID`).
    public mutating func uuid(_ id: UUID) {
        let hex: StaticString = "0123456789abcdef"
        bytes.append(0x22)
        hex.withUTF8Buffer { hex in
            withUnsafeBytes(of: id.uuid) { raw in
                for (index, byte) in raw.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(0x2D) }
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
        }
        bytes.append(0x22)
    }

    /// Money as its decimal string (`"1234.56"`).
    public mutating func money(_ money: Money) {
        bytes.append(0x22)
        if money.pence < 0 { bytes.append(0x2D) }
        let magnitude = money.pence.magnitude
        digits(magnitude / 100)
        bytes.append(0x2E)
        bytes.append(0x30 + UInt8(magnitude % 100 / 10))
        bytes.append(0x30 + UInt8(magnitude % 10))
        bytes.append(0x22)
    }

    /// `{"accountNumber":…,"sortCode":…}`
    public mutating func account(_ account: AccountID) {
        open()
        key("accountNumber"); string(account.accountNumber.digits)
        key("sortCode"); string(account.sortCode.digits)
        close()
    }

    /// `{"accountNumber":…,"name":…,"sortCode":…}`
    public mutating func party(_ party: PaymentParty) {
        open()
        key("accountNumber"); string(party.accountNumber)
        key("name"); string(party.name)
        key("sortCode"); string(party.sortCode)
        close()
    }
}
