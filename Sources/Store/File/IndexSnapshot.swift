import Foundation

/// Opening the index as saved on disk: the parts `IndexManifest` names, opened in place
/// (`IndexPartFile`) as far as they can be trusted, so opening a large store neither rescans
/// its log nor loads its index.
///
/// Opening stops at the first part that is missing, damaged, not the one the manifest names,
/// or not borne out by the log (`IndexPartFile.isBorneOut`); the parts before it are used and
/// the log is read again from where they end. The parts together are then checked against
/// every segment (`isBorneOut(by:segmentSize:)`); when that fails, nothing saved is used.
///
/// Stores written before parts existed kept one `index.snapshot`, and earlier parts had
/// another layout; neither is read: the index is rebuilt from the log, saved as parts, and
/// the old files removed.
enum IndexSnapshot {
    /// The whole-index snapshot of earlier versions, replaced by parts.
    static let legacyFileName = "index.snapshot"

    /// What opening found: the trusted parts (none when nothing saved could be used) and
    /// whether anything saved was left out (a damaged, stale or missing part, a damaged
    /// manifest, or a legacy snapshot), so that the caller saves the index again.
    struct Loaded {
        var saved = SavedIndex()
        var damaged: Bool
    }

    /// Opens the saved parts and checks them against the log's `segments`. Cost: each part's
    /// header, top table and first block (a few KiB, however many events it covers), plus a
    /// few small reads per part and per segment; nothing of the index is copied into memory,
    /// and the rest of each part is checked block by block as it is read (`IndexPartFile`).
    static func load(directory: String, fileSystem: any StoreFileSystem, segments: [Segment],
                     segmentSize: Int) throws(EventStoreError) -> Loaded {
        guard let loaded = try IndexManifest.load(directory: directory, fileSystem: fileSystem) else {
            return Loaded(damaged: fileSystem.fileExists(directory + "/" + legacyFileName))
        }
        guard case .success(let manifest) = loaded else { return Loaded(damaged: true) }
        var saved = SavedIndex()
        var damaged = false
        for entry in manifest.entries {
            guard case .success(let part) = try IndexPartFile.open(entry, directory: directory, fileSystem: fileSystem),
                  try trusts(part, segments: segments) else {
                damaged = true
                break
            }
            saved.parts.append(part)
        }
        if saved.parts.isEmpty { return Loaded(damaged: damaged || !manifest.entries.isEmpty) }
        guard try trusts(saved, segments: segments, segmentSize: segmentSize) else { return Loaded(damaged: true) }
        for part in saved.parts { part.dropResidentPages() }
        return Loaded(saved: saved, damaged: damaged)
    }

    /// Whether the log bears `part` out; a damaged block met on the way says no, as a damaged
    /// part does (its events are read again from the log).
    private static func trusts(_ part: IndexPartFile, segments: [Segment]) throws(EventStoreError) -> Bool {
        do throws(EventStoreError) {
            return try part.isBorneOut(by: segments)
        } catch {
            guard case .corrupt(let file, _, _) = error, file == part.name else { throw error }
            return false
        }
    }

    /// Whether the log bears the parts out together (see `trusts(_:segments:)`).
    private static func trusts(_ saved: SavedIndex, segments: [Segment], segmentSize: Int) throws(EventStoreError) -> Bool {
        do throws(EventStoreError) {
            return try saved.isBorneOut(by: segments, segmentSize: segmentSize)
        } catch {
            guard case .corrupt(let file, _, _) = error, saved.parts.contains(where: { $0.name == file }) else { throw error }
            return false
        }
    }
}
