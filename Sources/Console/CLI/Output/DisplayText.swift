/// Text that came from outside (the command line, the log) made safe to print on a terminal:
/// control characters shown as `\u{1B}`, long values cut.
enum DisplayText {
    /// How many characters of a long value a message shows.
    static let shownCharacters = 80

    /// C0 controls, DEL and C1 controls: what a terminal may act on instead of showing.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `text` with every control character except those in `keeping` written as `\u{1B}`.
    static func escaped(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) && !keeping.contains(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `text` escaped, and when long its first 80 characters followed by `… (N bytes)`.
    static func cut(_ text: String) -> String {
        guard text.count > shownCharacters else { return escaped(text) }
        return escaped(String(text.prefix(shownCharacters))) + "… (\(text.utf8.count) bytes)"
    }

    /// `'value'`, escaped and cut, for a message.
    static func quoted(_ text: String) -> String { "'\(cut(text))'" }

    /// A message for one line: newlines become spaces, other control characters are escaped,
    /// and any word longer than 160 characters is cut to 80 (so an echoed argument cannot flood
    /// it; a value already cut by `quoted` stays as it is).
    static func messageLine(_ message: String) -> String {
        let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let words = oneLine.split(separator: " ", omittingEmptySubsequences: false)
        let longest = 2 * shownCharacters
        guard words.contains(where: { $0.count > longest }) || oneLine.unicodeScalars.contains(where: isControl) else { return oneLine }
        return words.map { $0.count > longest ? cut(String($0)) : escaped(String($0)) }.joined(separator: " ")
    }
}
