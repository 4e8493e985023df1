import Foundation
import Store

/// A calendar day of the bank: year, month and day in the bank's time zone, Europe/London
/// (GMT in winter, BST in summer). Scheduled payments are booked for these days; an occurrence
/// is due at the start (00:00) of its day in London.
///
/// Written `YYYY-MM-DD` (its JSON form too). Not an instant: `start` gives the instant a day
/// begins, `containing` the day an instant falls in.
public struct BankDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The bank's time zone. `TimeZone(identifier:)` reads the system's tz database; without
    /// one (a bare container) the bank falls back to GMT, an hour off in summer only.
    public static let timeZone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// The Gregorian calendar in `timeZone`.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// A valid day, or nil (`2027-02-30` is nil).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, of: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (four, two and two digits).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day `instant` falls in, in London.
    public static func containing(_ instant: Date) -> BankDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return BankDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? BankDate(unchecked: parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The instant the day begins (00:00 in London).
    public var start: Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: day))
            ?? Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400)
    }

    /// Days since 1970-01-01 (civil-from-days arithmetic; no calendar needed).
    var daysSinceEpoch: Int { GregorianDays.days(year: year, month: month, day: day) }

    /// The day `count` days later.
    public func adding(days count: Int) -> BankDate {
        let (year, month, day) = GregorianDays.date(days: daysSinceEpoch + count)
        return BankDate(unchecked: year, month, day)
    }

    /// Day `anchor` of the month `count` months later, or that month's last day when it is
    /// shorter (the 31st in April is the 30th; in February the 28th or 29th).
    public func adding(months count: Int, anchor: Int) -> BankDate {
        let index = year * 12 + (month - 1) + count
        let year = index / 12
        let month = index % 12 + 1
        return BankDate(unchecked: year, month, min(anchor, Self.days(inMonth: month, of: year)))
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String {
        let y = String(year), m = String(month), d = String(day)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + (m.count < 2 ? "0" + m : m) + "-" + (d.count < 2 ? "0" + d : d)
    }

    public static func < (a: BankDate, b: BankDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeText(BankDate.init(_:)) { "not a YYYY-MM-DD date: \($0)" }
    }

    public func encode(to encoder: any Encoder) throws { try encoder.encodeText(description) }
}
