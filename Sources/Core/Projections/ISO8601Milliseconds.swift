import Foundation
import Store

/// Times as ISO 8601 UTC text with milliseconds (`2026-05-28T20:26:40.123Z`), exact both ways
/// for times already at whole milliseconds (what `truncated` gives), so a projection state
/// stored as JSON and read back folds on exactly as the live one.
///
/// Not a general date parser: it reads only what `string` writes.
public enum ISO8601Milliseconds {
    /// `date` at whole milliseconds (rounded toward the past).
    public static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    /// `date` as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static func string(_ date: Date) -> String {
        let ms = milliseconds(date)
        let days = GregorianDays.floorDivide(ms, 86_400_000)
        let inDay = ms - days * 86_400_000
        let (year, month, day) = GregorianDays.date(days: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(inDay / 3_600_000, 2)):\(pad(inDay / 60_000 % 60, 2)):"
            + "\(pad(inDay / 1000 % 60, 2)).\(pad(inDay % 1000, 3))Z"
    }

    /// The time `string` wrote, or nil for any other text.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
              bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let milli = number(20..<23),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        let ms = ((GregorianDays.days(year: year, month: month, day: day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    private static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
