import Core
import Foundation

/// Pretty-prints event data and metadata for the event detail view.
enum JSONPretty {
    /// The bytes as indented JSON with sorted keys; as text when they are UTF-8 but not JSON;
    /// as base64 otherwise. `(empty)` for no bytes.
    static func lines(_ data: Data) -> [String] {
        if data.isEmpty { return ["(empty)"] }
        if let value = try? JSONParser.parse(Array(data)) { return value.displayLines }
        if let text = String(data: data, encoding: .utf8) {
            return ["(not JSON)"] + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return ["(binary, base64)", data.base64EncodedString()]
    }

    /// A colour role for one pretty-printed line: keyed lines by their value's kind.
    static func role(of line: String) -> Role {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.range(of: "\" : ") ?? trimmed.range(of: "\": ") else {
            return trimmed.hasPrefix("\"") ? .jsonString : .normal
        }
        let value = trimmed[colon.upperBound...]
        if value.hasPrefix("\"") { return .jsonString }
        if value.hasPrefix("true") || value.hasPrefix("false") || value.hasPrefix("null") { return .jsonLiteral }
        if value.first.map({ $0.isNumber || $0 == "-" }) == true { return .jsonNumber }
        return .jsonKey
    }
}
