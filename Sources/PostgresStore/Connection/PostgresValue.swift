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
    /// A one-dimensional array (`unnest` turns parallel arrays into rows: one parameter per
    /// column, whatever the number of rows); nil elements are NULL.
    case array(elementOid: UInt32, arrayOid: UInt32, elements: [[UInt8]?])

    static func int64s(_ values: [Int64?]) -> PostgresValue {
        .array(elementOid: 20, arrayOid: 1016, elements: values.map { $0.map { PostgresValue.int64($0).binary ?? [] } })
    }
    static func int32s(_ values: [Int32]) -> PostgresValue {
        .array(elementOid: 23, arrayOid: 1007, elements: values.map { value in withUnsafeBytes(of: value.bigEndian) { Array($0) } })
    }
    static func texts(_ values: [String?]) -> PostgresValue {
        .array(elementOid: 25, arrayOid: 1009, elements: values.map { $0.map { Array($0.utf8) } })
    }
    static func uuids(_ values: [UUID]) -> PostgresValue {
        .array(elementOid: 2950, arrayOid: 2951, elements: values.map { PostgresValue.uuid($0).binary })
    }
    static func byteas(_ values: [Data]) -> PostgresValue {
        .array(elementOid: 17, arrayOid: 1001, elements: values.map { Array($0) })
    }
    static func doubles(_ values: [Double]) -> PostgresValue {
        .array(elementOid: 701, arrayOid: 1022, elements: values.map { PostgresValue.double($0).binary })
    }
    static func bools(_ values: [Bool]) -> PostgresValue {
        .array(elementOid: 16, arrayOid: 1000, elements: values.map { [$0 ? 1 : 0] })
    }

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
        case .array(_, let arrayOid, _): arrayOid
        }
    }

    /// PostgreSQL's binary array format: dimensions, null flag, element type, then each
    /// element as a length (-1 for NULL) and its bytes.
    private static func encodeArray(elementOid: UInt32, _ elements: [[UInt8]?]) -> [UInt8] {
        var out: [UInt8] = []
        func int32(_ value: Int32) { withUnsafeBytes(of: value.bigEndian) { out += $0 } }
        let hasNull = elements.contains { $0 == nil }
        int32(elements.isEmpty ? 0 : 1)
        int32(hasNull ? 1 : 0)
        int32(Int32(bitPattern: elementOid))
        guard !elements.isEmpty else { return out }
        int32(Int32(elements.count))
        int32(1)
        for element in elements {
            if let element {
                int32(Int32(element.count))
                out += element
            } else {
                int32(-1)
            }
        }
        return out
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
        case let .array(elementOid, _, elements): Self.encodeArray(elementOid: elementOid, elements)
        }
    }
}
