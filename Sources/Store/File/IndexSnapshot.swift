import Foundation

/// Opening the index as saved on disk: the parts `IndexManifest` names, each opened in place
/// (`IndexPartFile`) on its first use (`SavedPart`), so that opening a large store neither
/// rescans its log, nor loads its index, nor opens every part: its cost does not grow with
/// the log.
///
/// Opening reads the manifest (a small record per part) and opens only the last part, where
/// the log's scan goes on, with the checks every part gets at its first use (its header and
/// checksums, and that the log holds its last record where it says: `IndexPartFile.isBorneOut`). When the last part
/// fails them, the one before it is tried, and so on: the parts before the first that passes
/// are used and the log is read again from where they end. A part before the last that turns
/// out missing or damaged at its first use is a `.corrupt` error naming it (`verify` names
/// it too; removing `index.manifest` makes the next writable open rebuild the index).
///
/// Stores written before parts existed kept one `index.snapshot`, and earlier parts had
/// another layout; neither is read: the index is rebuilt from the log, saved as parts, and
/// the old files removed.
enum IndexSnapshot {
    /// The whole-index snapshot of earlier versions, replaced by parts.
    static let legacyFileName = "index.snapshot"

    /// What opening found: the trusted parts (none when nothing saved could be used) and
    /// whether anything saved was left out (a damaged, stale or missing last part, a damaged
    /// manifest, or a legacy snapshot), so that the caller saves the index again.
    struct Loaded {
        var saved = SavedIndex()
        var damaged: Bool
    }

    /// Opens the saved index over the log's `segments`. Cost: the manifest, then the last
    /// part's header, top table and a few blocks, and its last record in the log: the same
    /// however long the log; nothing of the index is copied into memory, and every other part
    /// is opened when first used.
    static func load(directory: String, fileSystem: any StoreFileSystem, segments: SegmentList) throws(EventStoreError) -> Loaded {
        guard let loaded = try IndexManifest.load(directory: directory, fileSystem: fileSystem) else {
            return Loaded(damaged: fileSystem.fileExists(directory + "/" + legacyFileName))
        }
        guard case .success(let manifest) = loaded else { return Loaded(damaged: true) }
        var parts = manifest.entries.map {
            SavedPart(entry: $0, directory: directory, fileSystem: fileSystem, segments: segments)
        }
        var damaged = false
        while let last = parts.last {
            if let file = try opened(last) {
                var saved = SavedIndex(parts: parts, last: file)
                saved.filter = StoreStreamFilterFile(directory: directory, fileSystem: fileSystem, segments: segments)
                return Loaded(saved: saved, damaged: damaged)
            }
            parts.removeLast()
            damaged = true
        }
        return Loaded(damaged: damaged)
    }

    /// The part opened and borne out by the log, or nil when it is missing, damaged or not
    /// borne out (its events are then read again from the log).
    private static func opened(_ part: SavedPart) throws(EventStoreError) -> IndexPartFile? {
        do throws(EventStoreError) {
            return try part.file()
        } catch {
            guard case .corrupt(let file, _, _) = error, file == part.name else { throw error }
            return nil
        }
    }
}
