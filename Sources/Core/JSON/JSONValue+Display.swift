import Foundation

/// How the console shows JSON: members sorted, `"key" : value`, numbers in their shortest
/// form — the text the stream browser, the payment timeline and the projection pane have always
/// shown (Foundation's `prettyPrinted`/`sortedKeys` style, written here so no face needs it).
///
/// Not the command line's form (`compact`/`pretty` keep members and numbers as the user wrote
/// them); the CLI tests and the golden screens pin each.
extension JSONValue {
    /// The value with every object's members sorted the way people read keys (case-insensitive,
    /// digit runs by value: `a9` before `a10`); a repeated key keeps its last value.
    package var sortedForDisplay: JSONValue {
        switch self {
        case .array(let elements):
            return .array(elements.map(\.sortedForDisplay))
        case .object(let members):
            var lastValue: [String: JSONValue] = [:]
            for member in members { lastValue[member.key] = member.value.sortedForDisplay }
            let keys = lastValue.keys.sorted {
                $0.compare($1, options: [.numeric, .caseInsensitive, .forcedOrdering],
                           range: $0.startIndex..<$0.endIndex, locale: Locale(identifier: "")) == .orderedAscending
            }
            return .object(keys.map { (key: $0, value: lastValue[$0]!) })
        default:
            return self
        }
    }

    /// Sorted, indented text, one element of the array per line.
    package var displayLines: [String] {
        var out = ""
        sortedForDisplay.display(to: &out, pretty: true, level: 0)
        return out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Sorted text on one line, no spaces.
    package var displayCompact: String {
        var out = ""
        sortedForDisplay.display(to: &out, pretty: false, level: 0)
        return out
    }

    private func display(to out: inout String, pretty: Bool, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(let text): out += Self.displayNumber(text)
        case .string(let text): out += Self.quoted(text, .foundation)
        case .array(let elements):
            out += "["
            Self.displayContents(elements.count, to: &out, pretty: pretty, level: level) { index, out in
                elements[index].display(to: &out, pretty: pretty, level: level + 1)
            }
            out += "]"
        case .object(let members):
            out += "{"
            Self.displayContents(members.count, to: &out, pretty: pretty, level: level) { index, out in
                out += Self.quoted(members[index].key, .foundation)
                out += pretty ? " : " : ":"
                members[index].value.display(to: &out, pretty: pretty, level: level + 1)
            }
            out += "}"
        }
    }

    /// The inside of a container: each element on its own indented line when pretty (an empty
    /// container keeps one blank line, as Foundation writes it).
    private static func displayContents(
        _ count: Int, to out: inout String, pretty: Bool, level: Int,
        element: (Int, inout String) -> Void
    ) {
        let inner = String(repeating: "  ", count: level + 1)
        if pretty { out += "\n" }
        for index in 0..<count {
            if index > 0 { out += pretty ? ",\n" : "," }
            if pretty { out += inner }
            element(index, &out)
        }
        if pretty { out += "\n" + String(repeating: "  ", count: level) }
    }

    /// A number as Foundation reads and writes it: integers that fit 64 bits in decimal,
    /// integral doubles without a fraction, other doubles in Swift's shortest form; a number
    /// with more digits than a double holds stays as written.
    private static func displayNumber(_ text: String) -> String {
        let isInteger = !text.contains { $0 == "." || $0 == "e" || $0 == "E" }
        if isInteger {
            if let value = Int64(text) { return String(value) }
            if let value = UInt64(text) { return String(value) }
            return text
        }
        let significant = text.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber).drop { $0 == "0" }
        guard significant.count <= 17, let value = Double(text), value.isFinite else { return text }
        let shortest = value.description
        return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
    }
}
