/// A parsed JSON value that keeps object member order and numbers as written.
///
/// Not a general JSON library and not for the domain's shapes (those are Codable, see
/// `BankCodec`): it exists so the two faces, the command line and the console, can validate,
/// reformat and show JSON a person gives or asks for. Numbers stay as their source text so
/// nothing is rounded; `+Display` renders the console's sorted, Foundation-styled text.
package enum JSONValue: Equatable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// A number exactly as written in the source (already checked against JSON's grammar).
    case number(String)
    case bool(Bool)
    case null

    package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(a), .array(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The member named `key` of an object (the first one, if repeated).
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The string, when this is a string.
    package var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
