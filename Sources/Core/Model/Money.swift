/// An amount of sterling in pence. Never a binary floating point.
///
/// Encodes in JSON as a decimal string (`"1234.56"`, `"-5.00"`), as DESIGN.md's shapes do.
///
/// **One range for every layer.** An amount or a balance is at most `Money.max`
/// (£999,999,999,999.99, twelve whole digits) either way. Parsing refuses text beyond it,
/// `adding`/`subtracting` answer nil for a result beyond it, and decoding refuses what parsing
/// refuses, so whatever the bank computes and writes, it can read back. Nothing wraps or traps:
/// there is no `+` or `-` between amounts; a caller decides what an out-of-range result means
/// (the ledger refuses the posting as a business outcome).
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public private(set) var pence: Int64

    /// Largest magnitude in pence: £999,999,999,999.99.
    public static let maxPence: Int64 = 99_999_999_999_999
    /// The largest amount or balance the bank holds: £999,999,999,999.99.
    public static let max = Money(pence: maxPence)
    /// Most whole-pound digits in a parsed amount.
    public static let maxWholeDigits = 12

    /// An amount in pence known to be in range (a literal, a seeded generator's draw).
    ///
    /// Input from outside goes through `init?(parsing:)` or decoding, and sums through
    /// `adding`/`subtracting`, which answer nil beyond the range instead.
    public init(pence: Int64) {
        // Beyond the range here is a bug in the caller, never input (see above).
        precondition(Self.isInRange(pence), "Money out of range: \(pence) pence")
        self.pence = pence
    }

    /// An amount in pence, or nil beyond ±`maxPence`.
    private init?(checkedPence pence: Int64) {
        guard Self.isInRange(pence) else { return nil }
        self.pence = pence
    }

    public static let zero = Money(pence: 0)

    private static func isInRange(_ pence: Int64) -> Bool { pence >= -maxPence && pence <= maxPence }

    /// Parses `12`, `12.3`, `12.34`, `-5.00` (at most two decimals, no exponent, no grouping);
    /// nil for anything else or an amount beyond ±`Money.max`.
    public init?(parsing text: String) {
        guard case .success(let money) = Self.parse(text) else { return nil }
        self = money
    }

    /// Why text is not an amount.
    public enum ParseFailure: Error, Equatable, Sendable {
        /// Not a decimal number with at most two decimals.
        case malformed
        /// A well-formed number beyond ±`Money.max`.
        case outOfRange
    }

    /// `init?(parsing:)` telling a malformed amount from one beyond the range (for messages).
    public static func parse(_ text: String) -> Result<Money, ParseFailure> {
        var negative = false
        var pounds: Int64 = 0
        var wholeDigits = 0
        var significantDigits = 0
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
                // Leading zeros do not count; past twelve digits only "beyond the range" is left to say.
                if pounds > 0 || byte != 0x30 { significantDigits += 1 }
                if significantDigits <= maxWholeDigits { pounds = pounds * 10 + Int64(byte - 0x30) }
            case 0x30...0x39:
                fractionDigits += 1
                guard fractionDigits <= 2 else { return .failure(.malformed) }
                pennies = pennies * 10 + Int64(byte - 0x30)
            default:
                return .failure(.malformed)
            }
        }
        guard wholeDigits > 0, !sawPoint || fractionDigits > 0 else { return .failure(.malformed) }
        guard significantDigits <= maxWholeDigits else { return .failure(.outOfRange) }
        if fractionDigits == 1 { pennies *= 10 }
        // Twelve whole digits and two decimals are at most `maxPence`: always in range.
        return .success(Money(pence: (pounds * 100 + pennies) * (negative ? -1 : 1)))
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

    /// `self + other`, or nil when the sum is beyond ±`Money.max`.
    public func adding(_ other: Money) -> Money? { Money(checkedPence: pence + other.pence) }

    /// `self - other`, or nil when the difference is beyond ±`Money.max`.
    public func subtracting(_ other: Money) -> Money? { Money(checkedPence: pence - other.pence) }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }
    /// Negation never leaves the range (it is symmetric).
    public static prefix func - (value: Money) -> Money { Money(pence: -value.pence) }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeText(Money.init(parsing:)) { "bad amount \($0): at most 2 decimals and \(Self.maxWholeDigits) whole digits" }
    }

    public func encode(to encoder: any Encoder) throws { try encoder.encodeText(decimalString) }
}
