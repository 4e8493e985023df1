/// A cursor over JSON bytes: reads values, skips them, reads object keys. The event scanner's
/// engine; strict RFC 8259 apart from accepting any number `Double` can parse.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8) throws(JSONScanError) {
        guard peek == byte else { throw JSONScanError(offset: index, reason: "expected '\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    // MARK: - Values

    mutating func value() throws(JSONScanError) -> ProjectionValue {
        guard let byte = peek else { throw JSONScanError(offset: index, reason: "a value is missing") }
        switch byte {
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: ProjectionValue] = [:]
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                let key = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                members[key] = try value()
                skipWhitespace()
                guard let next = peek else { throw JSONScanError(offset: index, reason: "unfinished object") }
                index += 1
                if next == UInt8(ascii: "}") { return .object(members) }
                if next != UInt8(ascii: ",") { throw JSONScanError(offset: index - 1, reason: "expected ',' or '}' in an object") }
            }
        case UInt8(ascii: "["):
            index += 1
            var elements: [ProjectionValue] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value())
                skipWhitespace()
                guard let next = peek else { throw JSONScanError(offset: index, reason: "unfinished array") }
                index += 1
                if next == UInt8(ascii: "]") { return .array(elements) }
                if next != UInt8(ascii: ",") { throw JSONScanError(offset: index - 1, reason: "expected ',' or ']' in an array") }
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try word("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try word("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try word("null")
            return .null
        default:
            return try number()
        }
    }

    private mutating func word(_ text: StaticString) throws(JSONScanError) {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw JSONScanError(offset: index, reason: "unexpected end") }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] {
            throw JSONScanError(offset: index, reason: "not a JSON value")
        }
        index += count
    }

    private mutating func number() throws(JSONScanError) -> ProjectionValue {
        let start = index
        var negative = false
        if peek == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var integer: Int64 = 0
        var exact = true
        var digits = 0
        while let byte = peek, byte >= 0x30, byte <= 0x39 {
            let (times, o1) = integer.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(byte - 0x30))
            if o1 || o2 { exact = false } else { integer = plus }
            digits += 1
            index += 1
        }
        if digits == 0 { throw JSONScanError(offset: start, reason: "not a JSON value") }
        var fraction = false
        while let byte = peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39) {
            fraction = true
            index += 1
        }
        if !fraction && exact { return .int(negative ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text) else { throw JSONScanError(offset: start, reason: "bad number \(text)") }
        return .double(value)
    }

    // MARK: - Strings

    /// A string's bytes as they are between the quotes when it has no escapes (the common
    /// case for keys), else decoded.
    mutating func keyBytes() throws(JSONScanError) -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        let start = index
        while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") { index += 1 }
        if peek == UInt8(ascii: "\"") {
            index += 1
            return Array(bytes[start..<(index - 1)])
        }
        index = start - 1
        return Array(try string().utf8)
    }

    mutating func string() throws(JSONScanError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        while let byte = peek, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") { index += 1 }
        guard let stop = peek else { throw JSONScanError(offset: start - 1, reason: "unfinished string") }
        if stop == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
        }
        var decoded = Array(bytes[start..<index])
        while true {
            guard let byte = peek else { throw JSONScanError(offset: start - 1, reason: "unfinished string") }
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: decoded, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                continue
            }
            guard let escape = peek else { throw JSONScanError(offset: index, reason: "unfinished escape") }
            index += 1
            if let byte = JSONEscape.byte(after: escape) {
                decoded.append(byte)
                continue
            }
            guard escape == UInt8(ascii: "u") else { throw JSONScanError(offset: index - 1, reason: "bad escape") }
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), peek == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try hex4()
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
            }
            decoded.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
        }
    }

    private mutating func hex4() throws(JSONScanError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONScanError(offset: index, reason: "bad \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONEscape.hexDigit(bytes[index]) else { throw JSONScanError(offset: index, reason: "bad \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: - Skipping

    /// Steps over one value without building it.
    mutating func skipValue() throws(JSONScanError) {
        guard let byte = peek else { throw JSONScanError(offset: index, reason: "a value is missing") }
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            while let next = peek {
                index += 1
                if next == UInt8(ascii: "\\") {
                    index += 1
                } else if next == UInt8(ascii: "\"") {
                    return
                }
            }
            throw JSONScanError(offset: index, reason: "unfinished string")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while let next = peek {
                index += 1
                switch next {
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return }
                case UInt8(ascii: "\""):
                    index -= 1
                    try skipValue()
                default: break
                }
            }
            throw JSONScanError(offset: index, reason: "unfinished container")
        default:
            _ = try value()
        }
    }
}
