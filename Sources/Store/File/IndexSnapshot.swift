import Foundation

/// The index as saved on disk: the parts `IndexManifest` names (`IndexPart`), merged, as far
/// as they can be trusted, so opening a large store need not rescan its log.
///
/// Loading stops at the first part that is missing, damaged, not the one the manifest names,
/// or not borne out by the log (`IndexPart.isBorneOut`); the parts before it are used and the
/// log is read again from where they end. The merged whole is then checked against every
/// segment (`isBorneOut(by:segmentSize:)`); when that fails, nothing saved is used.
///
/// Stores written before parts existed kept one `index.snapshot`, rewritten whole at every
/// close; such a file is not read: the index is rebuilt from the log, saved as parts, and
/// the old file removed.
struct IndexSnapshot {
    /// The whole-index snapshot of earlier versions, replaced by parts.
    static let legacyFileName = "index.snapshot"

    var cursor: LogScanner.Cursor
    var index: StreamIndex
    var ids: [UUID]
    var locations: [UInt64]
    var lastRecordCRC: UInt32
    /// The parts merged here.
    var manifest: IndexManifest

    /// What loading found: the trusted index (nil when nothing saved could be used) and
    /// whether anything saved was left out (a damaged, stale or missing part, a damaged
    /// manifest, or a legacy snapshot), so that the caller saves the index again.
    struct Loaded {
        var snapshot: IndexSnapshot?
        var damaged: Bool
    }

    /// Loads the saved index and checks it against the log's `segments` (a few small reads
    /// per part and per segment). Cost: reading and merging the parts, O(events they cover).
    static func load(directory: String, fileSystem: any StoreFileSystem, segments: [Segment],
                     segmentSize: Int) throws(EventStoreError) -> Loaded {
        guard let loaded = try IndexManifest.load(directory: directory, fileSystem: fileSystem) else {
            return Loaded(snapshot: nil, damaged: fileSystem.fileExists(directory + "/" + legacyFileName))
        }
        guard case .success(let manifest) = loaded else { return Loaded(snapshot: nil, damaged: true) }
        var merged: IndexSnapshot?
        var damaged = false
        for entry in manifest.entries {
            guard case .success(let part) = try IndexPart.load(entry, directory: directory, fileSystem: fileSystem),
                  try part.isBorneOut(by: segments) else {
                damaged = true
                break
            }
            if merged == nil {
                var ids = Array(part.ids), locations = Array(part.locations)
                if manifest.entries.count > 1 {
                    // Room for every part at once: appending would leave up to half of each
                    // list unused for good.
                    ids.reserveCapacity(Int(manifest.end))
                    locations.reserveCapacity(Int(manifest.end))
                }
                merged = IndexSnapshot(cursor: part.cursor, index: part.index, ids: ids, locations: locations,
                                       lastRecordCRC: part.lastRecordCRC, manifest: IndexManifest(entries: [entry]))
            } else {
                merged?.append(part, entry)
            }
        }
        guard let merged else { return Loaded(snapshot: nil, damaged: damaged || !manifest.entries.isEmpty) }
        guard try merged.isBorneOut(by: segments, segmentSize: segmentSize) else { return Loaded(snapshot: nil, damaged: true) }
        return Loaded(snapshot: merged, damaged: damaged)
    }

    /// Adds the part that follows the ones merged so far.
    private mutating func append(_ part: IndexPart, _ entry: IndexManifest.Entry) {
        index.absorb(part.index)
        ids.append(contentsOf: part.ids)
        locations.append(contentsOf: part.locations)
        cursor = part.cursor
        lastRecordCRC = part.lastRecordCRC
        manifest.entries.append(entry)
    }
}
