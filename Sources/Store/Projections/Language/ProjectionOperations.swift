import Foundation

/// What the language's operators and functions do to values; each throws a message (the
/// caller adds the place) when the types do not fit.
enum ProjectionOperations {
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    // MARK: - Comparing

    /// `==`: numbers compare by value (1 == 1.0), other kinds only with their own kind.
    static func equal(_ a: ProjectionValue, _ b: ProjectionValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.int, .double), (.double, .int), (.double, .double): a.asDouble == b.asDouble
        default: a == b
        }
    }

    /// `<` and friends: -1, 0 or 1 for two numbers or two strings.
    static func order(_ a: ProjectionValue, _ b: ProjectionValue) throws(Failure) -> Int {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)): return x < y ? -1 : x == y ? 0 : 1
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.asDouble ?? 0, y = b.asDouble ?? 0
            return x < y ? -1 : x == y ? 0 : 1
        default:
            throw Failure("cannot compare \(a.typeName) \(a.excerpt) with \(b.typeName) \(b.excerpt)")
        }
    }

    // MARK: - Arithmetic

    static func arithmetic(_ op: Expression.Operator, _ a: ProjectionValue, _ b: ProjectionValue) throws(Failure) -> ProjectionValue {
        if case .int(let x) = a, case .int(let y) = b {
            let result: (Int64, Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            default:
                if y == 0 { throw Failure("division by zero") }
                if x % y == 0 { return .int(x / y) }
                return .double(Double(x) / Double(y))
            }
            if result.1 { throw Failure("\(x) \(op.rawValue) \(y) overflows") }
            return .int(result.0)
        }
        guard let x = a.asDouble, let y = b.asDouble else {
            let bad = a.asDouble == nil ? a : b
            throw Failure("'\(op.rawValue)' needs numbers, not \(bad.typeName) \(bad.excerpt)")
        }
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        default:
            if y == 0 { throw Failure("division by zero") }
            return .double(x / y)
        }
    }

    // MARK: - Functions

    /// `pence("12.34")` is 1234; `pence(12)` is 1200. At most two decimals.
    static func pence(_ value: ProjectionValue) throws(Failure) -> ProjectionValue {
        switch value {
        case .int(let pounds):
            let (result, overflow) = pounds.multipliedReportingOverflow(by: 100)
            if overflow { throw Failure("pence(\(pounds)) overflows") }
            return .int(result)
        case .double(let pounds):
            let scaled = (pounds * 100).rounded()
            guard abs(scaled - pounds * 100) < 1e-6, abs(scaled) < 9e15 else { throw Failure("pence needs at most two decimals, not \(value.excerpt)") }
            return .int(Int64(scaled))
        case .string(let text):
            guard let pence = parsePence(text) else { throw Failure("pence needs an amount such as \"12.34\", not \(value.excerpt)") }
            return .int(pence)
        default:
            throw Failure("pence needs an amount, not \(value.typeName) \(value.excerpt)")
        }
    }

    /// `-12.3` → -1230; nil when it is not an amount with at most two decimals.
    static func parsePence(_ text: String) -> Int64? {
        var utf8 = Substring(text).utf8[...]
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8 = utf8.dropFirst()
        }
        var pence: Int64 = 0
        var wholeDigits = 0
        var decimals = -1
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                if decimals >= 0 || wholeDigits == 0 { return nil }
                decimals = 0
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            if decimals >= 0 {
                decimals += 1
                if decimals > 2 { return nil }
            } else {
                wholeDigits += 1
                if wholeDigits > 15 { return nil }
            }
            pence = pence * 10 + Int64(byte - 0x30)
        }
        if wholeDigits == 0 || decimals == 0 { return nil }
        for _ in 0..<(2 - max(0, decimals)) { pence *= 10 }
        return negative ? -pence : pence
    }

    /// A number from a number or numeric text.
    static func number(_ value: ProjectionValue) throws(Failure) -> ProjectionValue {
        switch value {
        case .int, .double: return value
        case .string(let text):
            if let integer = Int64(text) { return .int(integer) }
            if let double = Double(text), double.isFinite { return .double(double) }
            throw Failure("number needs numeric text, not \(value.excerpt)")
        default:
            throw Failure("number needs a number or text, not \(value.typeName) \(value.excerpt)")
        }
    }

    /// Text for a value: strings as they are, numbers as written, true/false, null.
    static func string(_ value: ProjectionValue) throws(Failure) -> ProjectionValue {
        switch value {
        case .string: value
        case .int(let number): .string(String(number))
        case .double(let number): .string(ProjectionValue.text(of: number))
        case .bool(let flag): .string(flag ? "true" : "false")
        case .null: .string("null")
        case .array, .object: throw Failure("string needs a single value, not \(value.excerpt)")
        }
    }

    /// `hour("2026-12-05T14:03:07Z")` is `"2026-12-05T14"`; `day` is `"2026-12-05"`.
    static func truncatedTime(_ value: ProjectionValue, length: Int, name: String) throws(Failure) -> ProjectionValue {
        guard case .string(let text) = value else { throw Failure("\(name) needs an ISO 8601 time, not \(value.typeName) \(value.excerpt)") }
        let bytes = Array(text.utf8.prefix(length))
        // YYYY-MM-DDTHH: digits everywhere but the separators.
        let separators: [Int: UInt8] = [4: UInt8(ascii: "-"), 7: UInt8(ascii: "-"), 10: UInt8(ascii: "T")]
        guard bytes.count == length, bytes.indices.allSatisfy({ index in
            separators[index].map { bytes[index] == $0 } ?? (bytes[index] >= 0x30 && bytes[index] <= 0x39)
        }) else {
            throw Failure("\(name) needs an ISO 8601 time such as \"2026-12-05T14:03:07Z\", not \(value.excerpt)")
        }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    /// A group key: strings as they are, numbers as written.
    static func key(_ value: ProjectionValue) throws(Failure) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return ProjectionValue.text(of: number)
        default: throw Failure("groupBy needs a string or a number, not \(value.typeName) \(value.excerpt)")
        }
    }

    /// `2026-12-05T14:03:07.123Z` (UTC, milliseconds), as `event.created` reads.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = GregorianDays.floorDivide(milliseconds, 86_400_000)
        let inDay = milliseconds - days * 86_400_000
        let (year, month, day) = GregorianDays.date(days: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func three(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
        let hours = inDay / 3_600_000, minutes = inDay / 60_000 % 60, seconds = inDay / 1000 % 60, millis = inDay % 1000
        return "\(year)-\(two(month))-\(two(day))T\(two(hours)):\(two(minutes)):\(two(seconds)).\(three(millis))Z"
    }
}
