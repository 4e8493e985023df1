/// What one option value or positional accepts; the parser checks every value against it, so
/// no command sees a number out of range or text with terminal control characters in it.
enum ArgumentValue: Sendable, Equatable {
    /// One line of text without control characters (names, reasons, stream names, ids).
    case text
    /// Like `text`, and not empty (a data directory).
    case path
    /// JSON as typed: may span lines and be indented (tab, newline, carriage return), no other
    /// control characters.
    case json
    /// A whole number in this range.
    case integer(ClosedRange<Int64>)
    /// A decimal number (`2`, `0.5`, `1e2`) in this range.
    case decimal(ClosedRange<Double>)

    /// Any non-negative whole number a store position, version or count can hold.
    static let count = ArgumentValue.integer(0...Int64.max)

    /// The default for a placeholder: JSON for `JSON`, text otherwise.
    static func inferred(from valueNames: [String]) -> ArgumentValue {
        valueNames == ["JSON"] ? .json : .text
    }

    /// Checks `value`; the refusal names `what` (`--rate`, `VERSION`) and the allowed range.
    func check(_ value: String, as what: String) -> String? {
        switch self {
        case .text, .path, .json:
            if self == .path && value.isEmpty { return "\(what) must not be empty" }
            let allowed: Set<Unicode.Scalar> = self == .json ? ["\t", "\n", "\r"] : []
            if let offset = value.unicodeScalars.firstIndex(where: { DisplayText.isControl($0) && !allowed.contains($0) }) {
                let position = value.unicodeScalars.distance(from: value.unicodeScalars.startIndex, to: offset) + 1
                let scalar = value.unicodeScalars[offset]
                return "\(what) must not contain control characters (\(DisplayText.escaped(String(scalar))) at character \(position) of \(DisplayText.quoted(value)))"
            }
            return nil
        case .integer(let range):
            guard let number = Int64(value), range.contains(number) else {
                return "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(DisplayText.quoted(value))"
            }
            return nil
        case .decimal(let range):
            let bounds = "from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
            guard let number = Double(value), number.isFinite, range.contains(number) else {
                return "\(what) must be a number \(bounds), not \(DisplayText.quoted(value))"
            }
            return nil
        }
    }

    /// `5` for whole numbers, `0.5` otherwise.
    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
