import CLibpq
import Foundation

/// The rows a query returned, in binary format, owned until this value is released.
///
/// Not thread-safe; read it where it was returned. Accessors expect the column's type as the
/// query selects it (int8, float8, text, bytea, uuid, bool); a NULL reads as nil.
final class PostgresRows {
    private let result: OpaquePointer

    init(_ result: OpaquePointer) {
        self.result = result
    }

    deinit { PQclear(result) }

    var count: Int { Int(PQntuples(result)) }

    /// The number of rows an INSERT/UPDATE/DELETE touched.
    var affected: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }

    func isNull(_ row: Int, _ column: Int) -> Bool { PQgetisnull(result, Int32(row), Int32(column)) == 1 }

    /// The value's bytes, valid while this value lives; nil for NULL.
    func raw(_ row: Int, _ column: Int) -> UnsafeRawBufferPointer? {
        guard !isNull(row, column), let pointer = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        return UnsafeRawBufferPointer(start: pointer, count: Int(PQgetlength(result, Int32(row), Int32(column))))
    }

    func int64(_ row: Int, _ column: Int) -> Int64? {
        guard let bytes = raw(row, column), bytes.count == 8 else { return nil }
        return Int64(bigEndian: bytes.loadUnaligned(as: Int64.self))
    }

    func double(_ row: Int, _ column: Int) -> Double? {
        guard let bytes = raw(row, column), bytes.count == 8 else { return nil }
        return Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)))
    }

    func bool(_ row: Int, _ column: Int) -> Bool? {
        guard let bytes = raw(row, column), bytes.count == 1 else { return nil }
        return bytes[0] != 0
    }

    func text(_ row: Int, _ column: Int) -> String? {
        guard let bytes = raw(row, column) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Text that often repeats the previous row's (a stream name, an event type): when the
    /// bytes equal `cache`'s, its string is shared instead of decoded again.
    func text(_ row: Int, _ column: Int, repeating cache: inout (bytes: UnsafeRawBufferPointer, text: String)?) -> String? {
        guard let bytes = raw(row, column) else { return nil }
        if let cached = cache, cached.bytes.count == bytes.count {
            guard let old = cached.bytes.baseAddress, let new = bytes.baseAddress else { return cached.text }
            if memcmp(old, new, bytes.count) == 0 { return cached.text }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        cache = (bytes, text)
        return text
    }

    func bytes(_ row: Int, _ column: Int) -> Data? {
        guard let bytes = raw(row, column) else { return nil }
        return Data(bytes)
    }

    func uuid(_ row: Int, _ column: Int) -> UUID? {
        guard let bytes = raw(row, column), bytes.count == 16 else { return nil }
        // Zeros, then the bytes: `UUID()` would ask the kernel for random bytes on every row.
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: bytes) }
        return UUID(uuid: value)
    }
}
