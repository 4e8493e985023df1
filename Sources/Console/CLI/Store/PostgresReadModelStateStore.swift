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
/// `read-models`): the first use (the bank's load, after its store opened) downloads the last
/// upload into it; a save writes it and, in the one process that keeps the set (the first to
/// use it while none does, or to save once the keeper has gone), uploads what changed in one
/// transaction. The other processes resume from the database's copy and fold on from there,
/// saving nothing (`keeps` is false). A database that cannot be read makes the load throw, and
/// the bank folds the log instead. The private directory is removed by `close` (or with this store).
final class PostgresReadModelStateStore: ReadModelStateStore {
    private let uri: String
    private let schema: String
    private let personalData: @Sendable () -> PersonalData?
    private let directory: URL
    private struct Opened: Sendable {
        let files: FileReadModelStateStore
        let mirror: PostgresFileMirror
    }
    /// Made on first use: nothing touches the database before the bank asks.
    private let opened = Mutex<Result<Opened, EventStoreError>?>(nil)
    private let keeping = Mutex(false)

    /// Whether this process keeps the database's copy (uploads its saves).
    var keeps: Bool { keeping.withLock { $0 } }

    /// The mirror's set.
    static let set = "read-models"

    /// The saved views of the bank at `uri` (schema `schema`); `personalData` gives the key
    /// store the files are sealed with, once the store is open.
    init(uri: String, schema: String, personalData: @escaping @Sendable () -> PersonalData?) {
        self.uri = uri
        self.schema = schema
        self.personalData = personalData
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-read-models-\(UUID().uuidString)", isDirectory: true)
    }

    deinit { close() }

    /// Gives up keeping the database's copy and removes the private directory (also when the
    /// store goes). Nothing is saved afterwards.
    func close() {
        let mirror = opened.withLock { opened -> PostgresFileMirror? in
            defer { opened = .failure(.closed) }
            return try? opened?.get().mirror
        }
        mirror?.close()
        keeping.withLock { $0 = false }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The private copy, downloaded on first use (and the keeper's lock taken if free).
    private func open() throws(EventStoreError) -> Opened {
        let result = opened.withLock { opened -> Result<Opened, EventStoreError> in
            if let opened { return opened }
            let made = Result { () throws(EventStoreError) -> Opened in
                let mirror = try PostgresFileMirror.open(uri: uri, schema: schema, set: Self.set)
                do throws(EventStoreError) {
                    let kept = try mirror.keep()
                    try mirror.download(into: directory)
                    keeping.withLock { $0 = kept }
                } catch {
                    mirror.close()
                    try? FileManager.default.removeItem(at: directory)
                    throw error
                }
                return Opened(files: FileReadModelStateStore(directory: directory, personalData: personalData()), mirror: mirror)
            }
            opened = made
            return made
        }
        return try result.get()
    }

    func load() throws(ReadModelStateError) -> SavedOverview? {
        let copy: Opened
        do { copy = try open() } catch { throw .io("the saved views in the database cannot be read: \(error)") }
        return try copy.files.load()
    }

    /// Saves into the private directory, then into the database; only in the keeping process
    /// (elsewhere the views are followed without being saved), which this one becomes at a
    /// save once the keeper has gone (its first upload then replaces the copy whole).
    func save(_ overview: BankOverview, lastEventId: UUID) throws(ReadModelStateError) {
        let copy: Opened
        do { copy = try open() } catch { throw .io("the saved views in the database cannot be read: \(error)") }
        if !keeps {
            let kept: Bool
            do { kept = try copy.mirror.keep() } catch { kept = false } // closed, or the server away: not now
            keeping.withLock { $0 = kept }
        }
        guard keeps else { return }
        try copy.files.save(overview, lastEventId: lastEventId)
        do throws(EventStoreError) {
            try copy.mirror.upload(from: directory)
        } catch {
            throw .io("copying the saved views into the database: \(error)")
        }
    }

    func emptyOverview(window: Int) -> BankOverview {
        // Without the database's copy, its accounts list still pages into the private directory.
        let files = (try? open())?.files ?? FileReadModelStateStore(directory: directory, personalData: personalData())
        return files.emptyOverview(window: window)
    }
}
