/// An amount of sterling in pence. Never a binary floating point.
///
/// Encodes in JSON as a decimal string (`"1234.56"`, `"-5.00"`), as DESIGN.md's shapes do.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var pence: Int64

    public init(pence: Int64) { self.pence = pence }

    public static let zero = Money(pence: 0)

    /// Parses `12`, `12.3`, `12.34`, `-5.00` (at most two decimals, no exponent, no grouping);
    /// nil for anything else or an amount beyond ±90 trillion pounds.
    public init?(parsing text: String) {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" { negative = true; digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 14,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if parts.count == 2 && fraction.isEmpty { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let pounds = Int64(whole), let pennies = Int64(fraction) else { return nil }
        pence = (pounds * 100 + pennies) * (negative ? -1 : 1)
    }

    /// Plain decimal text: `1234.56`, `-5.00`.
    public var decimalString: String {
        let magnitude = pence.magnitude
        let cents = magnitude % 100
        return (pence < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// For people: `£1,234.56`, `-£5.00`.
    public var description: String {
        let magnitude = pence.magnitude
        var pounds = String(magnitude / 100)
        var grouped = ""
        while pounds.count > 3 {
            grouped = "," + pounds.suffix(3) + grouped
            pounds.removeLast(3)
        }
        let cents = magnitude % 100
        return (pence < 0 ? "-" : "") + "£" + pounds + grouped + "." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence + rhs.pence) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence - rhs.pence) }
    public static prefix func - (value: Money) -> Money { Money(pence: -value.pence) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let money = Money(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad amount \(text)"))
        }
        self = money
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(decimalString)
    }
}
