import Foundation

/// Why a theme file was refused: the line and what is wrong with it.
struct ThemeError: Error, Hashable, CustomStringConvertible {
    var theme: String
    var line: Int
    var reason: String

    var description: String { line > 0 ? "theme \(theme), line \(line): \(reason)" : "theme \(theme): \(reason)" }
}

extension Theme {
    /// Parses the theme format (see themes/README.md):
    ///
    ///     # comment
    ///     ROLE = [FG] [on BG] [bold] [dim] [underline] [reverse]
    ///
    /// where a colour is `default`, a basic name (`red`, `bright-cyan`), or an xterm-256 number
    /// with an optional 8-colour stand-in: `244/white`.
    static func parse(_ text: String, name: String) throws(ThemeError) -> Theme {
        var styles: [Role: ThemeStyle] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw ThemeError(theme: name, line: lineNumber, reason: "expected ROLE = STYLE")
            }
            guard let role = Role(rawValue: parts[0]) else {
                throw ThemeError(theme: name, line: lineNumber,
                                 reason: "unknown role \"\(parts[0])\" (known: \(Role.allCases.map(\.rawValue).joined(separator: " ")))")
            }
            styles[role] = try parseStyle(parts[1], theme: name, line: lineNumber)
        }
        guard styles[.normal] != nil else {
            throw ThemeError(theme: name, line: 0, reason: "no style for role \"normal\"")
        }
        return Theme(name: name, styles: styles)
    }

    private static func parseStyle(_ text: String, theme: String, line: Int) throws(ThemeError) -> ThemeStyle {
        var style = ThemeStyle()
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)[...]
        var sawForeground = false
        while let word = words.popFirst() {
            switch word.lowercased() {
            case "bold": style.bold = true
            case "dim": style.dim = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            case "on":
                guard let colour = words.popFirst() else {
                    throw ThemeError(theme: theme, line: line, reason: "\"on\" needs a background colour")
                }
                style.background = try parseColour(colour, theme: theme, line: line)
            default:
                guard !sawForeground else {
                    throw ThemeError(theme: theme, line: line, reason: "unexpected \"\(word)\"")
                }
                sawForeground = true
                style.foreground = try parseColour(word, theme: theme, line: line)
            }
        }
        return style
    }

    private static func parseColour(_ text: String, theme: String, line: Int) throws(ThemeError) -> ThemeColour? {
        let lower = text.lowercased()
        if lower == "default" { return nil }
        if let basic = ThemeColour.names.firstIndex(of: lower) { return ThemeColour(index: basic) }
        if lower.hasPrefix("bright-"), let basic = ThemeColour.names.firstIndex(of: String(lower.dropFirst(7))) {
            return ThemeColour(index: basic + 8, fallback: basic)
        }
        let pieces = lower.split(separator: "/", maxSplits: 1).map(String.init)
        if let index = Int(pieces[0]), (0...255).contains(index) {
            if pieces.count == 1 { return ThemeColour(index: index) }
            if let fallback = ThemeColour.names.firstIndex(of: pieces[1]) { return ThemeColour(index: index, fallback: fallback) }
            throw ThemeError(theme: theme, line: line, reason: "\"\(pieces[1])\" is not one of the 8 colour names")
        }
        throw ThemeError(theme: theme, line: line, reason: "\"\(text)\" is not a colour (a name, bright-NAME, or 0–255[/NAME])")
    }
}
