import Foundation

/// One part of the saved index: what the events at positions `from ..< cursor.position` added
/// to it (`StreamIndex.delta(since:)`), with their ids and log locations. Written once, never
/// changed: a later save writes a new part for the events after it (or one that replaces a run
/// of small parts, see `IndexManifest.ranges(extendedTo:)`), and `IndexManifest` names the
/// parts in force. Not the index of a log segment: a part covers a range of positions.
///
/// File `index-FROM-TO.part`. Layout: a 72-byte header (`magic u64 | format u32 | generation
/// u32 | from u64 | to u64 | segment u32 | zero u32 | offset u64 | last record CRC u32 | body
/// CRC32C u32 | body length u64 | header CRC32C u32 | zero u32`; `to`, segment, offset and
/// generation are the log's cursor after the part's last event) then the body: ids, locations,
/// then the delta in `StreamIndex`'s encoding. Trusted only when both checksums match, the
/// manifest names the same body checksum, the content is consistent, and the log bears out its
/// last record (`IndexPart+Trust`); otherwise its events are read again from the log.
struct IndexPart {
    static let magic: UInt64 = 0x3150_5849_4B4E_4142 // "BANKIXP1"
    static let headerSize = 72
    /// Version of the part layout (a part of another version is rebuilt, not read).
    static let format: UInt32 = 1

    /// The first position the part covers.
    var from: UInt64
    /// The log's cursor after the part's last event (`cursor.position` is one past it).
    var cursor: LogScanner.Cursor
    /// The CRC of the part's last record, as the log holds it.
    var lastRecordCRC: UInt32
    var ids: ArraySlice<UUID>
    var locations: ArraySlice<UInt64>
    /// What the part's events added to the index (`StreamIndex.delta(since: from)`).
    var index: StreamIndex
    /// The body checksum found in the file (0 for a part not yet written).
    var bodyChecksum: UInt32 = 0

    /// The events the part covers.
    var range: Range<UInt64> { from..<cursor.position }

    /// The file name of the part covering `range`.
    static func fileName(_ range: Range<UInt64>) -> String {
        "index-" + padded(range.lowerBound) + "-" + padded(range.upperBound) + ".part"
    }

    /// Whether `name` is a part file (or one being written).
    static func isPartName(_ name: String) -> Bool {
        name.hasPrefix("index-") && (name.hasSuffix(".part") || name.hasSuffix(".part.tmp"))
    }

    private static func padded(_ value: UInt64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    // MARK: - Writing

    /// The part's bytes and its body checksum.
    func encoded() -> (bytes: ByteWriter, bodyChecksum: UInt32) {
        let out = ByteWriter(capacity: Self.headerSize + ids.count * 48 + 4096)
        out.put(zeros: Self.headerSize)
        ids.withUnsafeBytes { out.put($0) }
        locations.withUnsafeBytes { out.put($0) }
        index.encode(into: out)
        let body = UnsafeRawBufferPointer(rebasing: out.bytes[Self.headerSize...])
        let bodyChecksum = CRC32C.checksum(body)
        let header = ByteWriter(capacity: Self.headerSize)
        header.put(Self.magic)
        header.put(Self.format)
        header.put(cursor.generation)
        header.put(from)
        header.put(cursor.position)
        header.put(UInt32(cursor.location.segment))
        header.put(UInt32(0))
        header.put(cursor.location.offset)
        header.put(lastRecordCRC)
        header.put(bodyChecksum)
        header.put(UInt64(body.count))
        header.put(CRC32C.checksum(header.bytes))
        header.put(UInt32(0))
        out.base.copyMemory(from: header.base, byteCount: Self.headerSize)
        return (out, bodyChecksum)
    }

    /// Writes the part durably under its name (temporary file, sync, rename; the caller syncs
    /// the directory) and returns its body checksum, for the manifest.
    func write(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) -> UInt32 {
        let (out, checksum) = encoded()
        try fileSystem.replace(directory + "/" + Self.fileName(range), with: out)
        return checksum
    }

    // MARK: - Reading

    /// Loads the part the manifest names; the reason when it is missing or cannot be trusted.
    static func load(_ entry: IndexManifest.Entry, directory: String,
                     fileSystem: any StoreFileSystem) throws(EventStoreError) -> Result<IndexPart, StoreVerifyReport.Problem> {
        let name = fileName(entry.range)
        let path = directory + "/" + name
        guard fileSystem.fileExists(path) else {
            return .failure(StoreVerifyReport.Problem(file: name, offset: 0, reason: "index part is missing"))
        }
        let file = try fileSystem.open(path, mode: .readOnly)
        defer { file.close() }
        let size = Int(try file.size())
        let decoded: Result<IndexPart, StoreVerifyReport.Problem>
        if size > 0, let mapping = file.map(length: size) {
            decoded = decode(mapping, name: name)
        } else {
            let bytes = try file.readBytes(count: size, at: 0)
            decoded = bytes.withUnsafeBytes { raw in decode(raw, name: name) }
        }
        guard case .success(let part) = decoded else { return decoded }
        guard part.range == entry.range else {
            return .failure(StoreVerifyReport.Problem(file: name, offset: 16, reason: "index part covers \(part.range), the manifest says \(entry.range)"))
        }
        guard part.bodyChecksum == entry.checksum else {
            return .failure(StoreVerifyReport.Problem(file: name, offset: 52, reason: "index part is not the one the manifest names"))
        }
        return decoded
    }

    static func decode(_ raw: UnsafeRawBufferPointer, name: String) -> Result<IndexPart, StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<IndexPart, StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        guard raw.count >= headerSize, raw.integer(at: 0, as: UInt64.self) == magic else { return problem(0, "not an index part") }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<64])) == raw.integer(at: 64, as: UInt32.self) else {
            return problem(0, "index part header checksum mismatch")
        }
        guard raw.integer(at: 8, as: UInt32.self) == format else { return problem(8, "unknown index part format") }
        let bodyLength = Int(raw.integer(at: 56, as: UInt64.self))
        guard bodyLength == raw.count - headerSize else { return problem(56, "index part is \(raw.count) bytes, header says \(headerSize + bodyLength)") }
        let body = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
        guard CRC32C.checksum(body) == raw.integer(at: 52, as: UInt32.self) else { return problem(headerSize, "index part body checksum mismatch") }
        let from: UInt64 = raw.integer(at: 16)
        let cursor = LogScanner.Cursor(location: LogLocation(segment: Int(raw.integer(at: 32, as: UInt32.self)), offset: raw.integer(at: 40)),
                                       position: raw.integer(at: 24), generation: raw.integer(at: 12))
        guard from < cursor.position else { return problem(16, "index part covers no events") }
        let count = Int(cursor.position - from)
        var reader = ByteReader(body)
        do throws(ByteReader.Overrun) {
            let idBytes = try reader.slice(count * 16)
            let ids = [UUID](unsafeUninitializedCapacity: count) { buffer, initialized in
                if _isPOD(UUID.self) && MemoryLayout<UUID>.stride == 16 {
                    // A UUID is its 16 bytes: copy them all at once.
                    UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: idBytes.baseAddress!, byteCount: count * 16)
                } else {
                    for i in 0..<count {
                        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                        withUnsafeMutableBytes(of: &uuid) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: idBytes[(i * 16)..<(i * 16 + 16)])) }
                        (buffer.baseAddress! + i).initialize(to: UUID(uuid: uuid))
                    }
                }
                initialized = count
            }
            let locations = try reader.array(of: UInt64.self, count: count)
            let index = try StreamIndex.decode(from: &reader)
            guard index.nextPosition == cursor.position, reader.remaining == 0 else {
                return problem(headerSize, "index part does not match its header")
            }
            guard index.isConsistent(from: from), zip(locations, locations.dropFirst()).allSatisfy({ $0 < $1 }) else {
                return problem(headerSize, "index part is inconsistent")
            }
            return .success(IndexPart(from: from, cursor: cursor, lastRecordCRC: raw.integer(at: 48),
                                      ids: ids[...], locations: locations[...], index: index,
                                      bodyChecksum: raw.integer(at: 52)))
        } catch {
            return problem(headerSize + reader.offset, "index part is cut short")
        }
    }
}
