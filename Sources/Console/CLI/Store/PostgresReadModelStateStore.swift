import Core
import Foundation
import PostgresStore
import Store
import Synchronization

/// The bank-wide views saved in the database beside the events, so a console or `run` on
/// PostgreSQL resumes them instead of folding the whole log at start.
///
/// The views are saved as on a data directory (`FileReadModelStateStore`), in a private
/// directory of this process, which mirrors the database's copy (`PostgresFileMirror`, set
/// `read-models`): opening downloads the last upload into it; a save writes it and, in the one
/// process that keeps the set (the first to open while none does, or to save once the keeper
/// has gone), uploads what changed in one transaction. The other processes resume from the
/// database's copy and fold on from there, saving nothing (`keeps` is false). The private
/// directory is removed with this store.
final class PostgresReadModelStateStore: ReadModelStateStore {
    private let files: FileReadModelStateStore
    private let mirror: PostgresFileMirror
    private let directory: URL
    /// Whether this process keeps the database's copy (uploads its saves).
    var keeps: Bool { keeping.withLock { $0 } }
    private let keeping: Mutex<Bool>

    /// The mirror's set.
    static let set = "read-models"

    /// Downloads the saved views of the bank at `uri` (schema `schema`) into a private directory.
    /// - Throws: `EventStoreError` when the database cannot be reached or a file cannot be written.
    init(uri: String, schema: String, personalData: PersonalData?) throws(EventStoreError) {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-read-models-\(UUID().uuidString)", isDirectory: true)
        mirror = try PostgresFileMirror.open(uri: uri, schema: schema, set: Self.set)
        do throws(EventStoreError) {
            keeping = Mutex(try mirror.keep())
            try mirror.download(into: directory)
        } catch {
            mirror.close()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        files = FileReadModelStateStore(directory: directory, personalData: personalData)
    }

    deinit { close() }

    /// Gives up keeping the database's copy and removes the private directory (also when the
    /// store goes). Nothing is saved afterwards.
    func close() {
        mirror.close()
        keeping.withLock { $0 = false }
        try? FileManager.default.removeItem(at: directory)
    }

    func load() throws(ReadModelStateError) -> SavedOverview? {
        try files.load()
    }

    /// Saves into the private directory, then into the database; only in the keeping process
    /// (elsewhere the views are followed without being saved), which this one becomes at a
    /// save once the keeper has gone (its first upload then replaces the copy whole).
    func save(_ overview: BankOverview, lastEventId: UUID) throws(ReadModelStateError) {
        if !keeps {
            let kept: Bool
            do { kept = try mirror.keep() } catch { kept = false } // closed, or the server away: not now
            keeping.withLock { $0 = kept }
        }
        guard keeps else { return }
        try files.save(overview, lastEventId: lastEventId)
        do throws(EventStoreError) {
            try mirror.upload(from: directory)
        } catch {
            throw .io("copying the saved views into the database: \(error)")
        }
    }

    func emptyOverview(window: Int) -> BankOverview {
        files.emptyOverview(window: window)
    }
}
