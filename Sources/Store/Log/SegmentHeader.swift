/// The first bytes of a segment file: magic, format, its number and the position of its first record.
///
/// Layout: `magic u64 | format u32 | segment u32 | first position u64 | CRC32C of the 24 bytes before u32`,
/// then zeros up to `LogFormat.segmentHeaderSize`.
struct SegmentHeader: Equatable {
    var segment: Int
    var firstPosition: UInt64

    func encoded() -> [UInt8] {
        let out = ByteWriter(capacity: LogFormat.segmentHeaderSize)
        out.put(LogFormat.segmentMagic)
        out.put(LogFormat.formatVersion)
        out.put(UInt32(segment))
        out.put(firstPosition)
        out.put(CRC32C.checksum(UnsafeRawBufferPointer(start: out.base, count: 24)))
        out.put(zeros: LogFormat.segmentHeaderSize - out.count)
        return Array(out.bytes)
    }

    /// Parses a header; the reason when it is not a valid one.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> Result<SegmentHeader, HeaderError> {
        guard bytes.count >= LogFormat.segmentHeaderSize else { return .failure(HeaderError("segment header is missing")) }
        guard bytes.integer(at: 0, as: UInt64.self) == LogFormat.segmentMagic else { return .failure(HeaderError("not a segment file")) }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<24])) == bytes.integer(at: 24, as: UInt32.self) else {
            return .failure(HeaderError("segment header checksum mismatch"))
        }
        guard bytes.integer(at: 8, as: UInt32.self) == LogFormat.formatVersion else {
            return .failure(HeaderError("unknown format version \(bytes.integer(at: 8, as: UInt32.self))"))
        }
        return .success(SegmentHeader(segment: Int(bytes.integer(at: 12, as: UInt32.self)),
                                      firstPosition: bytes.integer(at: 16, as: UInt64.self)))
    }

    struct HeaderError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
