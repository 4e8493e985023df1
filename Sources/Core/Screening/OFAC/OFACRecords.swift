/// OFAC's legacy CSV split into records: comma-separated fields, text quoted with `"` (commas
/// inside quotes are text), `-0- ` (unquoted, trailing space) for null, CRLF line ends and one
/// 0x1A (Ctrl-Z) byte at the end of the file. No header row.
///
/// Works on bytes in one pass; a record that cannot be read (an unterminated quote, text after
/// a closing quote) is returned with its problem instead of fields, so the caller reports its
/// line and skips it.
struct OFACRecords {
    /// One record: where it starts (1-based line) and its fields (nil for `-0-`), or why not.
    struct Record: Sendable, Hashable {
        var line: Int
        var fields: [String?]
        var problem: String?

        /// The record's `ent_num` (its first field) and fields, when it was read, has `count`
        /// fields and its first is a positive number; otherwise nil, once `bad` is told why.
        func numbered(fields count: Int, _ bad: (String) -> Void) -> (number: Int, fields: [String?])? {
            if let problem { bad(problem); return nil }
            guard fields.count == count else { bad("expected \(count) fields, found \(fields.count)"); return nil }
            guard let text = fields[0], let number = Int(text), number > 0 else {
                bad("ent_num \(OFACList.shown(fields[0])) is not a positive number")
                return nil
            }
            return (number, fields)
        }
    }

    static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(0x0D), lf = UInt8(0x0A), eof = UInt8(0x1A)

    /// Every non-empty record of `bytes`.
    static func records(_ bytes: [UInt8]) -> [Record] {
        var end = bytes.count
        // Ctrl-Z marks the end of the file (and anything after it is padding).
        if let mark = bytes.lastIndex(of: eof), bytes[mark...].allSatisfy({ $0 == eof || $0 == cr || $0 == lf || $0 == 0x20 }) { end = mark }
        var records: [Record] = []
        var index = 0
        var line = 1
        while index < end {
            let startLine = line
            var fields: [String?] = []
            var problem: String?
            var atRecordEnd = false
            // A blank line is no record.
            if bytes[index] == cr || bytes[index] == lf {
                if bytes[index] == lf { line += 1 }
                index += 1
                continue
            }
            while !atRecordEnd {
                if index < end, bytes[index] == quote {
                    index += 1
                    var text: [UInt8] = []
                    var closed = false
                    while index < end {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < end, bytes[index + 1] == quote {
                                text.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == lf { line += 1 }
                        text.append(byte)
                        index += 1
                    }
                    if !closed, problem == nil { problem = "a quoted field is not closed" }
                    fields.append(String(decoding: text, as: UTF8.self))
                    // After a closing quote: spaces, then a comma or the line's end.
                    while index < end, bytes[index] == 0x20 { index += 1 }
                    if index < end, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf, problem == nil {
                        problem = "text after the closing quote of field \(fields.count)"
                    }
                } else {
                    let start = index
                    while index < end, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf { index += 1 }
                    let raw = String(decoding: bytes[start..<index], as: UTF8.self)
                    let trimmed = raw.trimmingSpaces
                    fields.append(trimmed == "-0-" ? nil : trimmed)
                }
                // Skip to the separator: stray text after a bad quote runs to the next comma or line end.
                while index < end, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf { index += 1 }
                if index < end, bytes[index] == comma {
                    index += 1
                } else {
                    atRecordEnd = true
                    if index < end, bytes[index] == cr { index += 1 }
                    if index < end, bytes[index] == lf { index += 1; line += 1 }
                }
            }
            records.append(Record(line: startLine, fields: problem == nil ? fields : [], problem: problem))
        }
        return records
    }
}

extension String {
    /// Without leading and trailing spaces (OFAC pads nulls and some fields with one).
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
