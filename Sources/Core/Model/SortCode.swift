/// A UK sort code: six digits, shown `40-12-34`.
public struct SortCode: DigitCode {
    public static let codeName = "sort code"

    /// The six digits, no dashes.
    public let digits: String

    /// Accepts `401234` or `40-12-34`; nil for anything else.
    public init?(_ text: String) {
        let plain = text.count == 8 && text.split(separator: "-").map(\.count) == [2, 2, 2]
            ? text.replacingOccurrences(of: "-", with: "") : text
        guard isDigits(plain, count: 6) else { return nil }
        digits = plain
    }

    public var description: String {
        let d = Array(digits)
        return "\(d[0])\(d[1])-\(d[2])\(d[3])-\(d[4])\(d[5])"
    }
}

/// A UK account number: eight digits.
public struct AccountNumber: DigitCode {
    public static let codeName = "account number"

    public let digits: String

    /// Accepts exactly eight digits; nil for anything else.
    public init?(_ text: String) {
        guard isDigits(text, count: 8) else { return nil }
        digits = text
    }

    public var description: String { digits }
}

/// An account at a bank: sort code + account number, shown `40-12-34 12345678`.
public struct AccountID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var sortCode: SortCode
    public var accountNumber: AccountNumber

    public init(sortCode: SortCode, accountNumber: AccountNumber) {
        self.sortCode = sortCode
        self.accountNumber = accountNumber
    }

    /// Parses two texts; nil if either is malformed.
    public init?(sortCode: String, accountNumber: String) {
        guard let code = SortCode(sortCode), let number = AccountNumber(accountNumber) else { return nil }
        self.init(sortCode: code, accountNumber: number)
    }

    public var description: String { "\(sortCode) \(accountNumber)" }

    public static func < (lhs: AccountID, rhs: AccountID) -> Bool {
        (lhs.sortCode, lhs.accountNumber) < (rhs.sortCode, rhs.accountNumber)
    }
}

// MARK: - Digit codes

/// Whether `text` is exactly `count` ASCII digits.
private func isDigits(_ text: String, count: Int) -> Bool {
    text.utf8.count == count && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
}

/// A code of a fixed number of ASCII digits (`SortCode`, `AccountNumber`): ordered by its
/// digits, and in JSON a single string of them.
public protocol DigitCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// What it is called in a decoding error (`bad sort code 4012`).
    static var codeName: String { get }
    /// The digits, no separators.
    var digits: String { get }
    /// The code written `text`; nil when it is not one.
    init?(_ text: String)
}

extension DigitCode {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.digits < rhs.digits }

    /// Decodes the code from its text; `DecodingError.dataCorrupted` naming the text when it is not one.
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeText(Self.init(_:)) { "bad \(Self.codeName) \($0)" }
    }

    /// Encodes the code as its digits, a single JSON string.
    public func encode(to encoder: any Encoder) throws { try encoder.encodeText(digits) }
}
