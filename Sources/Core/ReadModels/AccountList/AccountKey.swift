/// An account id as one number — its sort code's six digits then its number's eight — so
/// that keys sort as `AccountID` does and a page of accounts stores them in fixed 8-byte slots.
enum AccountKey {
    static func of(_ id: AccountID) -> UInt64 {
        var key: UInt64 = 0
        for byte in id.sortCode.digits.utf8 { key = key * 10 + UInt64(byte &- 0x30) }
        for byte in id.accountNumber.digits.utf8 { key = key * 10 + UInt64(byte &- 0x30) }
        return key
    }

    /// The id a key was made from; nil for a number that is not one (more than 14 digits).
    static func id(_ key: UInt64) -> AccountID? {
        guard key < 100_000_000_000_000 else { return nil }
        return AccountID(sortCode: digits(key / 100_000_000, count: 6), accountNumber: digits(key % 100_000_000, count: 8))
    }

    private static func digits(_ value: UInt64, count: Int) -> String {
        var bytes = [UInt8](repeating: 0x30, count: count)
        var rest = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            bytes[index] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
