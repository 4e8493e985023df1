/// Splits a projection's text into tokens; `#` starts a comment to the end of the line.
///
/// Errors name the line and column (from 1; columns count characters).
enum ProjectionLexer {
    static func tokens(_ text: String) throws(ProjectionLanguageError) -> [ProjectionToken] {
        var tokens: [ProjectionToken] = []
        let characters = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var column = 1

        func advance() {
            if characters[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        while let scalar = peek() {
            let location = SourceLocation(line: line, column: column)
            if scalar == "#" {
                while let next = peek(), next != "\n" { advance() }
                continue
            }
            if scalar.properties.isWhitespace {
                advance()
                continue
            }
            if isIdentifierStart(scalar) {
                var name = ""
                while let next = peek(), isIdentifierStart(next) || ("0"..."9").contains(next) {
                    name.unicodeScalars.append(next)
                    advance()
                }
                tokens.append(ProjectionToken(kind: .identifier(name), location: location))
                continue
            }
            if ("0"..."9").contains(scalar) {
                tokens.append(ProjectionToken(kind: try number(), location: location))
                continue
            }
            if scalar == "\"" {
                tokens.append(ProjectionToken(kind: .string(try string()), location: location))
                continue
            }
            let pair = peek(1).map { String(scalar) + String($0) }
            if let pair, ["==", "!=", "<=", ">="].contains(pair) {
                advance()
                advance()
                tokens.append(ProjectionToken(kind: .symbol(pair), location: location))
                continue
            }
            if "(){},.+-*/<>".unicodeScalars.contains(scalar) {
                advance()
                tokens.append(ProjectionToken(kind: .symbol(String(scalar)), location: location))
                continue
            }
            if scalar == "=" {
                throw ProjectionLanguageError("'=' is not an operator: compare with '=='", at: location)
            }
            throw ProjectionLanguageError("unexpected character '\(scalar.escaped(asASCII: true))'", at: location)
        }
        tokens.append(ProjectionToken(kind: .end, location: SourceLocation(line: line, column: column)))
        return tokens

        func number() throws(ProjectionLanguageError) -> ProjectionToken.Kind {
            let location = SourceLocation(line: line, column: column)
            var digits = ""
            var fraction = false
            while let next = peek(), ("0"..."9").contains(next) || next == "_" || (next == "." && !fraction && peek(1).map { ("0"..."9").contains($0) } == true) {
                if next == "." { fraction = true }
                if next != "_" { digits.unicodeScalars.append(next) }
                advance()
            }
            if let next = peek(), isIdentifierStart(next) {
                throw ProjectionLanguageError("a number cannot run into '\(next)'", at: SourceLocation(line: line, column: column))
            }
            if fraction {
                guard let value = Double(digits) else { throw ProjectionLanguageError("bad number \(digits)", at: location) }
                return .decimal(value)
            }
            guard let value = Int64(digits) else { throw ProjectionLanguageError("number \(digits) is too large", at: location) }
            return .integer(value)
        }

        func string() throws(ProjectionLanguageError) -> String {
            let start = SourceLocation(line: line, column: column)
            advance() // the opening quote
            var value = ""
            while true {
                guard let next = peek(), next != "\n" else {
                    throw ProjectionLanguageError("this string has no closing quote", at: start)
                }
                advance()
                if next == "\"" { return value }
                if next == "\\" {
                    let escape = SourceLocation(line: line, column: column - 1)
                    guard let escaped = peek() else { throw ProjectionLanguageError("this string has no closing quote", at: start) }
                    advance()
                    switch escaped {
                    case "\"": value.append("\"")
                    case "\\": value.append("\\")
                    case "n": value.append("\n")
                    case "t": value.append("\t")
                    default: throw ProjectionLanguageError("unknown escape '\\\(escaped)': use \\\", \\\\, \\n or \\t", at: escape)
                    }
                    continue
                }
                value.unicodeScalars.append(next)
            }
        }
    }

    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == "$"
    }
}
