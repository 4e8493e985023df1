import Foundation

/// A value of the projection language: what an expression yields, what a state holds.
///
/// JSON's shapes, with integers kept apart from fractions so counts and sums of pence stay
/// exact. Encodes as plain JSON (objects with sorted keys under the store's encoder).
public enum ProjectionValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([ProjectionValue])
    case object([String: ProjectionValue])

    /// What the language calls its type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value as a number, if it is one.
    var asDouble: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// Short text for an error message: strings quoted, containers summarised.
    var excerpt: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.text(of: value)
        case .string(let value): "\"" + (value.count > 40 ? value.prefix(40) + "…" : value) + "\""
        case .array(let values): "an array of \(values.count)"
        case .object(let members): "an object of \(members.count) members"
        }
    }

    /// A number as the language prints it: integral values without a fraction.
    static func text(of value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    // MARK: - Codable

    /// Probes the JSON type in turn: each failed `try?` is a type that does not match, not a
    /// lost error (the last one throws).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ProjectionValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ProjectionValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
