import Foundation

/// Small text formatting helpers shared by the panes: fitting, padding, money, counts, ages.
enum Text {
    /// `text` cut to `width` columns, ending in an ellipsis when it was longer.
    static func fit(_ text: String, _ width: Int, ascii: Bool = false) -> String {
        guard width > 0 else { return "" }
        let scalars = text.unicodeScalars
        if scalars.count <= width { return text }
        var out = String.UnicodeScalarView(scalars.prefix(width - 1))
        out.append(ascii ? "~" : "…")
        return String(out)
    }

    /// `text` fitted and padded with spaces on the right to exactly `width` columns.
    static func left(_ text: String, _ width: Int, ascii: Bool = false) -> String {
        let fitted = fit(text, width, ascii: ascii)
        let count = fitted.unicodeScalars.count
        return count < width ? fitted + String(repeating: " ", count: width - count) : fitted
    }

    /// `text` broken at spaces into lines of at most `width` columns; continuation lines are
    /// indented two more than the first, and a word too long for a line is cut across lines.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 4, text.unicodeScalars.count > width else { return [text] }
        let indent = String(repeating: " ", count: text.prefix { $0 == " " }.count + 2)
        var lines: [String] = []
        var current = String(text.prefix { $0 == " " })
        var fresh = true  // `current` holds only its indent
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            if !fresh, current.unicodeScalars.count + 1 + word.unicodeScalars.count > width {
                lines.append(current)
                current = indent
                fresh = true
            }
            // A word longer than a whole line goes in pieces.
            while current.unicodeScalars.count + (fresh ? 0 : 1) + word.unicodeScalars.count > width {
                let room = width - current.unicodeScalars.count - (fresh ? 0 : 1)
                guard room > 0 else { break }
                current += (fresh ? "" : " ") + String(String.UnicodeScalarView(word.unicodeScalars.prefix(room)))
                word = String(String.UnicodeScalarView(word.unicodeScalars.dropFirst(room)))
                lines.append(current)
                current = indent
                fresh = true
            }
            if !word.isEmpty {
                current += (fresh ? "" : " ") + word
                fresh = false
            }
        }
        if !fresh { lines.append(current) }
        return lines
    }

    /// A camel-case identifier as lower-case words: `openingBalance` → `opening balance`.
    static func words(_ identifier: String) -> String {
        var out = ""
        for character in identifier {
            if character.isUppercase, !out.isEmpty { out += " " }
            out += character.lowercased()
        }
        return out
    }

    /// `text` fitted and padded with spaces on the left to exactly `width` columns.
    static func right(_ text: String, _ width: Int, ascii: Bool = false) -> String {
        let fitted = fit(text, width, ascii: ascii)
        let count = fitted.unicodeScalars.count
        return count < width ? String(repeating: " ", count: width - count) + fitted : fitted
    }

    /// An integer with thousands separators: `18,442`.
    static func count<I: BinaryInteger>(_ value: I) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// Pence as pounds: `£1,204.00`, `-£3.50`.
    static func money(pence: Int64, ascii: Bool = false) -> String {
        let sign = pence < 0 ? "-" : ""
        let magnitude = pence.magnitude
        let pounds = magnitude / 100, rest = magnitude % 100
        return sign + (ascii ? "GBP " : "£") + count(pounds) + "." + (rest < 10 ? "0" : "") + String(rest)
    }

    /// The columns the widest of `texts` takes, and at least `minimum` (a column's header):
    /// amounts are laid out at this width so that none is ever cut.
    static func widest<S: Sequence>(_ texts: S, minimum: Int = 0) -> Int where S.Element == String {
        texts.reduce(minimum) { max($0, $1.unicodeScalars.count) }
    }

    /// A short age: `0.4s`, `12s`, `4m12s`, `3h05m`, `2d4h`.
    static func age(seconds: Double) -> String {
        let s = max(0, seconds)
        if s < 10 {
            let tenths = Int((s * 10).rounded())
            return tenths >= 100 ? "10s" : "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(s)
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(pad2(whole % 60))s" }
        if whole < 86_400 { return "\(whole / 3600)h\(pad2(whole % 3600 / 60))m" }
        return "\(whole / 86_400)d\(whole % 86_400 / 3600)h"
    }

    /// A sort code as shown to people: `40-12-34`.
    static func sortCode(_ code: String) -> String {
        guard code.count == 6 else { return code }
        let chars = Array(code)
        return "\(chars[0])\(chars[1])-\(chars[2])\(chars[3])-\(chars[4])\(chars[5])"
    }

    /// A UUID shortened to `7f3a…c1`.
    static func shortID(_ id: String, ascii: Bool = false) -> String {
        let plain = String(id.lowercased().unicodeScalars.filter { $0 != "-" })
        guard plain.unicodeScalars.count > 8 else { return plain }
        return String(plain.prefix(4)) + (ascii ? "~" : "…") + String(plain.suffix(2))
    }

    /// A UUID shortened to `7f3a…c1`, straight from its bytes (the flow list draws many).
    static func shortID(_ id: UUID, ascii: Bool = false) -> String {
        let bytes = id.uuid
        return hex(bytes.0) + hex(bytes.1) + (ascii ? "~" : "…") + hex(bytes.15)
    }

    private static let hexDigits = Array("0123456789abcdef")

    private static func hex(_ byte: UInt8) -> String {
        String([hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]])
    }

    /// `HH:MM:SS` in UTC.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return "\(pad2(day / 3600)):\(pad2(day % 3600 / 60)):\(pad2(day % 60))"
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm` in UTC.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let millis = (c.nanosecond ?? 0) / 1_000_000
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(c.year ?? 0)-\(pad2(c.month ?? 0))-\(pad2(c.day ?? 0)) \(pad2(c.hour ?? 0)):\(pad2(c.minute ?? 0)):\(pad2(c.second ?? 0)).\(ms)"
    }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
