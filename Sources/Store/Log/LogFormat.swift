/// Sizes and markers of the on-disk log.
///
/// A segment file is `segmentHeaderSize` bytes of header, then records back to back, then
/// zeros up to its fixed size. A record is a frame (`UInt32` payload length, `UInt32` CRC32C of
/// the payload) and a payload (see `LogRecord`). All integers are little-endian.
enum LogFormat {
    static let frameHeaderSize = 8
    /// Payload bytes before the variable-length fields.
    static let fixedPayloadSize = 60
    static let segmentHeaderSize = 64
    /// Flag bit set on the last record of an append: the append is complete once it is valid.
    static let commitFlag: UInt8 = 1
    static let segmentMagic: UInt64 = 0x3147_4553_4B4E_4142 // "BANKSEG1"
    static let formatVersion: UInt32 = 1

    /// Bytes a record takes in the log, frame included.
    static func recordSize(stream: Int, type: Int, data: Int, metadata: Int) -> Int {
        frameHeaderSize + fixedPayloadSize + stream + type + data + metadata
    }

    static func segmentName(_ index: Int) -> String {
        let digits = String(index)
        return "segment-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".log"
    }

    /// The segment number of a file name, or nil if it is not a segment.
    /// Reads the name's UTF-8 bytes (opening lists every file of the store's directory).
    static func segmentIndex(ofName name: String) -> Int? {
        var name = name
        return name.withUTF8 { segmentIndex(ofUTF8: UnsafeRawBufferPointer($0)) }
    }

    /// The segment number of a file name given as UTF-8 bytes, or nil if it is not a segment.
    static func segmentIndex(ofUTF8 utf8: UnsafeRawBufferPointer) -> Int? {
        guard utf8.count > 12, utf8.count <= 30, utf8.starts(with: "segment-".utf8),
              UnsafeRawBufferPointer(rebasing: utf8[(utf8.count - 4)...]).elementsEqual(".log".utf8) else { return nil }
        var value = 0
        for byte in utf8[8..<(utf8.count - 4)] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = times + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// A place in the log: a segment and a byte offset in it.
struct LogLocation: Sendable, Hashable, Comparable {
    var segment: Int
    var offset: UInt64

    static func < (lhs: LogLocation, rhs: LogLocation) -> Bool {
        (lhs.segment, lhs.offset) < (rhs.segment, rhs.offset)
    }

    /// Packs into 64 bits: segment in the top 24, offset in the low 40.
    var packed: UInt64 { UInt64(segment) << 40 | offset }

    init(segment: Int, offset: UInt64) {
        self.segment = segment
        self.offset = offset
    }

    init(packed: UInt64) {
        segment = Int(packed >> 40)
        offset = packed & 0xFF_FFFF_FFFF
    }
}
