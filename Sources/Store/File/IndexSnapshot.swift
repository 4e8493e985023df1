import Foundation
import Synchronization

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
    /// checksum (read sequentially, about 30 bytes per event it covers) and the shape of its
    /// tables (O(its streams)), plus a few small reads per part and per segment; nothing of
    /// the index is copied into memory.
    static func load(directory: String, fileSystem: any StoreFileSystem, segments: [Segment],
                     segmentSize: Int) throws(EventStoreError) -> Loaded {
        guard let loaded = try IndexManifest.load(directory: directory, fileSystem: fileSystem) else {
            return Loaded(damaged: fileSystem.fileExists(directory + "/" + legacyFileName))
        }
        guard case .success(let manifest) = loaded else { return Loaded(damaged: true) }
        var saved = SavedIndex()
        var damaged = false
        for opened in try openAll(manifest.entries, directory: directory, fileSystem: fileSystem) {
            guard case .success(let part) = opened, try part.isBorneOut(by: segments) else {
                damaged = true
                break
            }
            saved.parts.append(part)
        }
        if saved.parts.isEmpty { return Loaded(damaged: damaged || !manifest.entries.isEmpty) }
        guard try saved.isBorneOut(by: segments, segmentSize: segmentSize) else { return Loaded(damaged: true) }
        for part in saved.parts { part.dropResidentPages() }
        return Loaded(saved: saved, damaged: damaged)
    }

    /// Opens the parts (`IndexPartFile.open`), checking them on as many cores as there are: a
    /// part's check reads and checksums it whole, the bulk of an open's work.
    private static func openAll(_ entries: [IndexManifest.Entry], directory: String,
                                fileSystem: any StoreFileSystem) throws(EventStoreError) -> [Result<IndexPartFile, StoreVerifyReport.Problem>] {
        typealias Opened = Result<Result<IndexPartFile, StoreVerifyReport.Problem>, EventStoreError>
        let results = Mutex<[Opened?]>(Array(repeating: nil, count: entries.count))
        DispatchQueue.concurrentPerform(iterations: entries.count) { n in
            let opened = Opened { () throws(EventStoreError) in try IndexPartFile.open(entries[n], directory: directory, fileSystem: fileSystem) }
            results.withLock { $0[n] = opened }
        }
        var parts: [Result<IndexPartFile, StoreVerifyReport.Problem>] = []
        for (entry, opened) in zip(entries, results.withLock({ $0 })) {
            // Every iteration stored its result before `concurrentPerform` returned; a part
            // without one would be taken for a damaged one.
            guard let opened else {
                parts.append(.failure(StoreVerifyReport.Problem(file: IndexPart.fileName(entry.range), offset: 0, reason: "index part was not opened")))
                continue
            }
            parts.append(try opened.get())
        }
        return parts
    }
}
