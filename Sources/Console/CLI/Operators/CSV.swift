/// RFC 4180 CSV for the command line's `--csv` outputs: a field with a comma, quote or line
/// break is quoted, its quotes doubled; lines end with CRLF-free `\n` (one record per line).
enum CSV {
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
