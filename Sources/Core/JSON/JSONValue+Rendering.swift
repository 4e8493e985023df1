extension JSONValue {
    /// Compact JSON text: no spaces, members in their order.
    package var compact: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Indented JSON text for people (two spaces per level, `"key": value`).
    package var pretty: String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        return out
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): out += JSONValue.quoted(text)
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += "," }
                Self.newline(&out, indent: indent, level: level + 1)
                element.write(to: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent: indent, level: level)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { out += "," }
                Self.newline(&out, indent: indent, level: level + 1)
                out += JSONValue.quoted(member.key)
                out += indent == nil ? ":" : ": "
                member.value.write(to: &out, indent: indent, level: level + 1)
            }
            Self.newline(&out, indent: indent, level: level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, indent: String?, level: Int) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    /// `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    package static func quoted(_ text: String) -> String {
        quoted(text, .commandLine)
    }

    /// How a string literal writes the characters JSON leaves to the writer. All write quotes,
    /// backslashes, `\n`, `\r` and `\t` alike, and other control characters as `\u00XX`.
    enum Quoting {
        /// The command line's: DEL escaped too, backspace and form feed as `\u0008`/`\u000c`.
        case commandLine
        /// Foundation's (the console's, `+Display`): backspace and form feed as `\b`/`\f`,
        /// DEL as it is.
        case foundation
        /// The fast metadata writer's (`BankCodec.encodeFast`): backspace and form feed as
        /// `\u0008`/`\u000c`, DEL as it is.
        case metadata
    }

    /// `text` as a JSON string literal, written as `quoting` says.
    static func quoted(_ text: String, _ quoting: Quoting) -> String {
        let shortEscapes = quoting == .foundation
        let escapesDelete = quoting == .commandLine
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}" where shortEscapes: out += "\\b"
            case "\u{0C}" where shortEscapes: out += "\\f"
            case _ where scalar.value < 0x20 || (scalar.value == 0x7F && escapesDelete):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}
