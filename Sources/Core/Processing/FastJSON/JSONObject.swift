import Foundation

/// A JSON object parsed by hand for the processors' hot path: the subset `JSONWriter` writes
/// (ASCII strings with `\"`, `\\`, `\/` escapes, integers, booleans, null, nested objects).
///
/// Anything else (other escapes, non-ASCII bytes, fractions, arrays) makes `parse` return nil
/// and the caller falls back to Foundation's decoder, which then reports any real error.
public struct JSONObject {
    /// A value in the subset.
    public indirect enum Value {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case null
        case object(JSONObject)
    }

    public private(set) var fields: [(key: String, value: Value)] = []

    /// The value of `key` (the last one, as Foundation takes it).
    public subscript(key: String) -> Value? {
        fields.last { $0.key == key }?.value
    }

    public func string(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }

    public func integer(_ key: String) -> Int64? {
        if case .integer(let value)? = self[key] { return value }
        return nil
    }

    public func bool(_ key: String) -> Bool? {
        if case .bool(let value)? = self[key] { return value }
        return nil
    }

    public func object(_ key: String) -> JSONObject? {
        if case .object(let value)? = self[key] { return value }
        return nil
    }

    public func uuid(_ key: String) -> UUID? { string(key).flatMap(UUID.init(parsing:)) }
    public func money(_ key: String) -> Money? { string(key).flatMap(Money.init(parsing:)) }

    public func account(_ key: String) -> AccountID? {
        guard let object = object(key), let sortCode = object.string("sortCode"), let number = object.string("accountNumber") else { return nil }
        return AccountID(sortCode: sortCode, accountNumber: number)
    }

    public func party(_ key: String) -> PaymentParty? {
        guard let object = object(key), let sortCode = object.string("sortCode"), let number = object.string("accountNumber"),
              let name = object.string("name") else { return nil }
        return PaymentParty(sortCode: sortCode, accountNumber: number, name: name)
    }

    /// Whether `key` is absent or null (an optional left out).
    public func isAbsent(_ key: String) -> Bool {
        switch self[key] {
        case nil, .null?: true
        default: false
        }
    }

    /// Parses `data` as one object of the subset; nil when it is not one.
    public static func parse(_ data: Data) -> JSONObject? {
        data.withUnsafeBytes { raw -> JSONObject? in
            var parser = Parser(bytes: raw, index: 0)
            guard let object = parser.object() else { return nil }
            parser.skipSpace()
            return parser.index == raw.count ? object : nil
        }
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var index: Int

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }

        mutating func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func object() -> JSONObject? {
            guard expect(0x7B) else { return nil }
            var result = JSONObject()
            result.fields.reserveCapacity(8) // the bank's events have at most a handful of members
            if expect(0x7D) { return result }
            while true {
                skipSpace()
                guard let key = string(), expect(0x3A), let value = value() else { return nil }
                result.fields.append((key, value))
                if expect(0x2C) { continue }
                return expect(0x7D) ? result : nil
            }
        }

        mutating func value() -> Value? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case 0x22: return string().map(Value.string)
            case 0x7B: return object().map(Value.object)
            case 0x74: return literal("true") ? .bool(true) : nil
            case 0x66: return literal("false") ? .bool(false) : nil
            case 0x6E: return literal("null") ? .null : nil
            case 0x2D, 0x30...0x39: return integer().map(Value.integer)
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = word.withUTF8Buffer { expected in (0..<count).allSatisfy { bytes[index + $0] == expected[$0] } }
            if matches { index += count }
            return matches
        }

        mutating func integer() -> Int64? {
            var negative = false
            if bytes[index] == 0x2D { negative = true; index += 1 }
            let start = index
            var value: Int64 = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - 0x30))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                index += 1
            }
            guard index > start, index - start == 1 || bytes[start] != 0x30 else { return nil }
            // A fraction or exponent is outside the subset.
            if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x65 || bytes[index] == 0x45 { return nil }
            return negative ? -value : value
        }

        mutating func string() -> String? {
            guard index < bytes.count, bytes[index] == 0x22 else { return nil }
            index += 1
            let start = index
            var escaped = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 { break }
                if byte < 0x20 || byte > 0x7E { return nil }
                if byte == 0x5C {
                    guard index + 1 < bytes.count, bytes[index + 1] == 0x22 || bytes[index + 1] == 0x5C || bytes[index + 1] == 0x2F else { return nil }
                    escaped = true
                    index += 2
                } else {
                    index += 1
                }
            }
            guard index < bytes.count else { return nil }
            let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
            index += 1
            guard escaped else { return String(decoding: raw, as: UTF8.self) }
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(raw.count)
            var skip = false
            for byte in raw {
                if byte == 0x5C && !skip { skip = true; continue }
                skip = false
                unescaped.append(byte)
            }
            return String(decoding: unescaped, as: UTF8.self)
        }
    }
}
