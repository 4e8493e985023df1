/// Reads little-endian values from a buffer, refusing to run past its end.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    struct Overrun: Error {}

    var remaining: Int { bytes.count - offset }

    mutating func integer<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(Overrun) -> T {
        guard remaining >= MemoryLayout<T>.size else { throw Overrun() }
        defer { offset += MemoryLayout<T>.size }
        return bytes.integer(at: offset)
    }

    mutating func slice(_ count: Int) throws(Overrun) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw Overrun() }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    mutating func string() throws(Overrun) -> String {
        let length = Int(try integer(UInt16.self))
        return String(decoding: try slice(length), as: UTF8.self)
    }

    /// An array of trivial values stored back to back (little-endian machines only, as all we build for).
    mutating func array<T: BitwiseCopyable>(of type: T.Type, count: Int) throws(Overrun) -> [T] {
        let stride = MemoryLayout<T>.stride
        guard count >= 0, count <= remaining / max(stride, 1) else { throw Overrun() }
        let source = try slice(count * stride)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source.baseAddress!, byteCount: count * stride) }
            initialized = count
        }
    }
}

extension ByteWriter {
    func put(string: String) {
        var string = string
        put(UInt16(string.utf8.count))
        string.withUTF8 { put(UnsafeRawBufferPointer($0)) }
    }

    func put<T: BitwiseCopyable>(array: [T]) {
        array.withUnsafeBytes { put($0) }
    }
}
