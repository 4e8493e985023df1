import Foundation

/// The list of index parts in force, in position order, each with the body checksum of the
/// file it names: the commit point of a save. A save writes its new part first, then this
/// manifest (temporary file, sync, rename), then removes the parts it no longer names, so a
/// crash at any point leaves either the old manifest with all its parts or the new one with
/// all of its.
///
/// File `index.manifest`: `magic u64 | format u32 | count u32`, then per part `from u64 |
/// to u64 | body CRC32C u32 | zero u32`, then a CRC32C of everything before it and a zero u32.
struct IndexManifest: Equatable {
    static let fileName = "index.manifest"
    static let magic: UInt64 = 0x314D_5849_4B4E_4142 // "BANKIXM1"
    static let format: UInt32 = 1
    /// A part of at least this many events is never merged into a bigger one, so a save
    /// rewrites at most about this many events' worth of index.
    static let sealedEvents: UInt64 = 1 << 20

    /// One part: the positions it covers and its body checksum.
    struct Entry: Equatable {
        var range: Range<UInt64>
        var checksum: UInt32
    }

    var entries: [Entry] = []

    /// One past the last position the parts cover (0 without parts).
    var end: UInt64 { entries.last?.range.upperBound ?? 0 }

    // MARK: - Planning a save

    /// The parts after a save that covers the log up to `end`: the current ones, then the new
    /// events as a part; then, like a binary counter, the last two parts merge while the older
    /// one is not sealed and not bigger than the newer. Only the last range is new; every
    /// other one is an existing part, kept as it is. A save thus writes its new events plus,
    /// now and then, small parts again: each event is rewritten about log2(sealed / smallest)
    /// times in all, and there are at most that many unsealed parts.
    /// `sealedEvents` is `sealedEvents` but in tests, which seal small parts.
    func ranges(extendedTo end: UInt64, sealedEvents: UInt64 = sealedEvents) -> [Range<UInt64>] {
        var ranges = entries.map(\.range)
        guard end > self.end else { return ranges }
        ranges.append(self.end..<end)
        while ranges.count >= 2 {
            let last = ranges[ranges.count - 1], previous = ranges[ranges.count - 2]
            guard UInt64(previous.count) < sealedEvents, previous.count <= last.count else { break }
            ranges.removeLast(2)
            ranges.append(previous.lowerBound..<last.upperBound)
        }
        return ranges
    }

    // MARK: - Files

    func encoded() -> ByteWriter {
        let out = ByteWriter(capacity: 24 + entries.count * 24)
        out.put(Self.magic)
        out.put(Self.format)
        out.put(UInt32(entries.count))
        for entry in entries {
            out.put(entry.range.lowerBound)
            out.put(entry.range.upperBound)
            out.put(entry.checksum)
            out.put(UInt32(0))
        }
        out.put(CRC32C.checksum(out.bytes))
        out.put(UInt32(0))
        return out
    }

    /// Writes the manifest atomically (temporary file, sync, rename, directory sync).
    func write(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) {
        try fileSystem.replace(directory + "/" + Self.fileName, with: encoded())
        try fileSystem.syncDirectory(directory)
    }

    /// Loads the manifest; nil when there is none, the reason when it cannot be trusted.
    static func load(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) -> Result<IndexManifest, StoreVerifyReport.Problem>? {
        let path = directory + "/" + fileName
        guard fileSystem.fileExists(path) else { return nil }
        let file = try fileSystem.open(path, mode: .readOnly)
        defer { file.close() }
        let bytes = try file.readBytes(count: Int(try file.size()), at: 0)
        return bytes.withUnsafeBytes { decode($0) }
    }

    static func decode(_ raw: UnsafeRawBufferPointer) -> Result<IndexManifest, StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<IndexManifest, StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: fileName, offset: UInt64(offset), reason: reason))
        }
        guard raw.count >= 24, raw.integer(at: 0, as: UInt64.self) == magic else { return problem(0, "not an index manifest") }
        let count = Int(raw.integer(at: 12, as: UInt32.self))
        guard raw.count == 24 + count * 24 else { return problem(12, "index manifest is \(raw.count) bytes for \(count) parts") }
        let end = 16 + count * 24
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<end])) == raw.integer(at: end, as: UInt32.self) else {
            return problem(0, "index manifest checksum mismatch")
        }
        guard raw.integer(at: 8, as: UInt32.self) == format else { return problem(8, "unknown index manifest format") }
        var manifest = IndexManifest()
        for n in 0..<count {
            let at = 16 + n * 24
            let from: UInt64 = raw.integer(at: at), to: UInt64 = raw.integer(at: at + 8)
            guard from == manifest.end, to > from else { return problem(at, "index parts do not follow each other") }
            manifest.entries.append(Entry(range: from..<to, checksum: raw.integer(at: at + 16)))
        }
        return .success(manifest)
    }
}
