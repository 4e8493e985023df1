extension ModulusChecker {
    /// The first account number from `start` on (wrapping from `range`'s end to its start)
    /// that passes the check for `sortCode`, looking at no more than `limit` numbers.
    ///
    /// Generators use it to turn a drawn number into a valid one deterministically, without
    /// drawing again. Nil when none of the numbers looked at passes.
    public func firstValidNumber(sortCode: SortCode, from start: Int, in range: ClosedRange<Int> = 0...99_999_999,
                                 limit: Int = 100_000) -> AccountNumber? {
        var digits = [Int](repeating: 0, count: 14)
        var index = 0
        for byte in sortCode.digits.utf8 { digits[index] = Int(byte &- 0x30); index += 1 }
        let width = range.upperBound - range.lowerBound + 1
        var candidate = range.contains(start) ? start : range.lowerBound + ((start - range.lowerBound) % width + width) % width
        for _ in 0..<Swift.min(limit, width) {
            var rest = candidate
            for position in stride(from: 13, through: 6, by: -1) {
                digits[position] = rest % 10
                rest /= 10
            }
            if check(digits: digits).isValid { return AccountNumber(Self.eightDigits(candidate)) }
            candidate = candidate == range.upperBound ? range.lowerBound : candidate + 1
        }
        return nil
    }

    /// `number` as eight digits, zero-padded.
    static func eightDigits(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: Swift.max(0, 8 - text.count)) + text
    }
}
