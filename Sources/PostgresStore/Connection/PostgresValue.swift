import Foundation

/// One query parameter, sent in PostgreSQL's binary format (never spliced into SQL text).
enum PostgresValue: Sendable {
    case int64(Int64)
    case double(Double)
    case text(String)
    case bytes(Data)
    case uuid(UUID)
    case bool(Bool)
    case null(oid: UInt32)

    /// The parameter's type OID (int8, float8, text, bytea, uuid, bool).
    var oid: UInt32 {
        switch self {
        case .int64: 20
        case .double: 701
        case .text: 25
        case .bytes: 17
        case .uuid: 2950
        case .bool: 16
        case .null(let oid): oid
        }
    }

    /// The binary encoding, or nil for SQL NULL.
    var binary: [UInt8]? {
        switch self {
        case .int64(let value): withUnsafeBytes(of: value.bigEndian) { Array($0) }
        case .double(let value): withUnsafeBytes(of: value.bitPattern.bigEndian) { Array($0) }
        case .text(let value): Array(value.utf8)
        case .bytes(let value): Array(value)
        case .uuid(let value): withUnsafeBytes(of: value.uuid) { Array($0) }
        case .bool(let value): [value ? 1 : 0]
        case .null: nil
        }
    }
}
