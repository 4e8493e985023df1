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
        var negative = false
        var pounds: Int64 = 0
        var wholeDigits = 0
        var pennies: Int64 = 0
        var fractionDigits = 0
        var sawPoint = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x2D where index == 0:
                negative = true
            case 0x2E where !sawPoint && wholeDigits > 0:
                sawPoint = true
            case 0x30...0x39 where !sawPoint:
                wholeDigits += 1
                guard wholeDigits <= 14 else { return nil }
                pounds = pounds * 10 + Int64(byte - 0x30)
            case 0x30...0x39:
                fractionDigits += 1
                guard fractionDigits <= 2 else { return nil }
                pennies = pennies * 10 + Int64(byte - 0x30)
            default:
                return nil
            }
        }
        guard wholeDigits > 0, !sawPoint || fractionDigits > 0 else { return nil }
        if fractionDigits == 1 { pennies *= 10 }
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
