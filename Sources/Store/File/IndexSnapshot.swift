import Foundation

/// The index as of some durable point, saved so opening a large store need not rescan the log.
///
/// Layout: a 72-byte header (`magic u64 | format u32 | generation u32 | position u64 |
/// segment u32 | zero u32 | offset u64 | last record location u64 | last record CRC u32 |
/// body CRC32C u32 | body length u64 | header CRC32C u32 | zero u32`) then the body: ids,
/// locations, then `StreamIndex`'s own encoding. A snapshot is only used when both checksums
/// match and the log bears it out (`isBorneOut(by:segmentSize:)`); otherwise the index is
/// rebuilt from the log.
struct IndexSnapshot {
    static let fileName = "index.snapshot"
    static let magic: UInt64 = 0x3158_4449_4B4E_4142 // "BANKIDX1"
    static let headerSize = 72
    /// Version of the snapshot layout (a snapshot of another version is rebuilt, not read).
    static let format: UInt32 = 2

    var cursor: LogScanner.Cursor
    var index: StreamIndex
    var ids: [UUID]
    var locations: [UInt64]
    var lastRecordCRC: UInt32

    /// Writes the snapshot atomically (temporary file, sync, rename).
    func write(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) {
        let out = ByteWriter(capacity: Self.headerSize + ids.count * 48 + 4096)
        out.put(zeros: Self.headerSize)
        out.put(UInt64(ids.count))
        for id in ids { withUnsafeBytes(of: id.uuid) { out.put($0) } }
        out.put(array: locations)
        index.encode(into: out)
        let body = UnsafeRawBufferPointer(rebasing: out.bytes[Self.headerSize...])
        let header = ByteWriter(capacity: Self.headerSize)
        header.put(Self.magic)
        header.put(Self.format)
        header.put(cursor.generation)
        header.put(cursor.position)
        header.put(UInt32(cursor.location.segment))
        header.put(UInt32(0))
        header.put(cursor.location.offset)
        header.put(locations.last ?? 0)
        header.put(lastRecordCRC)
        header.put(CRC32C.checksum(body))
        header.put(UInt64(body.count))
        header.put(CRC32C.checksum(header.bytes))
        header.put(UInt32(0))
        out.base.copyMemory(from: header.base, byteCount: Self.headerSize)

        let temporary = directory + "/" + Self.fileName + ".tmp"
        if fileSystem.fileExists(temporary) { try fileSystem.remove(temporary) }
        let file = try fileSystem.open(temporary, mode: .create)
        defer { file.close() }
        try file.write(out.bytes, at: 0)
        try file.sync()
        try fileSystem.rename(temporary, to: directory + "/" + Self.fileName)
        try fileSystem.syncDirectory(directory)
    }

    /// Loads the snapshot; nil when there is none, the reason when it cannot be trusted.
    static func load(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) -> Result<IndexSnapshot, StoreVerifyReport.Problem>? {
        let path = directory + "/" + fileName
        guard fileSystem.fileExists(path) else { return nil }
        let file = try fileSystem.open(path, mode: .readOnly)
        defer { file.close() }
        let size = Int(try file.size())
        if size > 0, let mapping = file.map(length: size) { return decode(mapping) }
        let bytes = try file.readBytes(count: size, at: 0)
        return bytes.withUnsafeBytes { raw in decode(raw) }
    }

    static func decode(_ raw: UnsafeRawBufferPointer) -> Result<IndexSnapshot, StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<IndexSnapshot, StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: fileName, offset: UInt64(offset), reason: reason))
        }
        guard raw.count >= headerSize, raw.integer(at: 0, as: UInt64.self) == magic else { return problem(0, "not an index snapshot") }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<64])) == raw.integer(at: 64, as: UInt32.self) else {
            return problem(0, "snapshot header checksum mismatch")
        }
        guard raw.integer(at: 8, as: UInt32.self) == format else { return problem(8, "unknown snapshot format") }
        let bodyLength = Int(raw.integer(at: 56, as: UInt64.self))
        guard bodyLength == raw.count - headerSize else { return problem(56, "snapshot is \(raw.count) bytes, header says \(headerSize + bodyLength)") }
        let body = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
        guard CRC32C.checksum(body) == raw.integer(at: 52, as: UInt32.self) else { return problem(headerSize, "snapshot body checksum mismatch") }
        let cursor = LogScanner.Cursor(location: LogLocation(segment: Int(raw.integer(at: 24, as: UInt32.self)), offset: raw.integer(at: 32)),
                                       position: raw.integer(at: 16), generation: raw.integer(at: 12))
        var reader = ByteReader(body)
        do throws(ByteReader.Overrun) {
            let count = Int(try reader.integer(UInt64.self))
            guard UInt64(count) == cursor.position else { return problem(headerSize, "snapshot holds \(count) ids for \(cursor.position) events") }
            let idBytes = try reader.slice(count * 16)
            let ids = [UUID](unsafeUninitializedCapacity: count) { buffer, initialized in
                if _isPOD(UUID.self) && MemoryLayout<UUID>.stride == 16 {
                    // A UUID is its 16 bytes: copy them all at once.
                    if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: idBytes.baseAddress!, byteCount: count * 16) }
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
                return problem(headerSize, "snapshot index does not match its header")
            }
            guard index.isConsistent(), zip(locations, locations.dropFirst()).allSatisfy({ $0 < $1 }) else {
                return problem(headerSize, "snapshot index is inconsistent")
            }
            return .success(IndexSnapshot(cursor: cursor, index: index, ids: ids, locations: locations,
                                          lastRecordCRC: raw.integer(at: 48)))
        } catch {
            return problem(headerSize + reader.offset, "snapshot body is cut short")
        }
    }
}
