import Foundation
import Store

/// Where the bank-wide views (`BankOverview`) are saved with the position they cover, and
/// loaded from at start so only the log's tail after it is folded.
///
/// Two implementations may sit behind it: files beside the log (`FileReadModelStateStore`)
/// and, on the PostgreSQL backend, tables in the same database. Either way a save is atomic
/// (a crash in the middle leaves the previous save whole) and a load checks what it reads
/// (format, code version, checksums) and throws rather than return anything it cannot trust.
public protocol ReadModelStateStore: Sendable {
    /// The saved overview and the id of the event at its position, or nil when nothing was saved.
    /// Throws when what was saved cannot be trusted: written by other code, corrupt, unreadable.
    func load() throws(ReadModelStateError) -> SavedOverview?
    /// Saves `overview`, which covers the log up to `overview.position`, whose event has id
    /// `lastEventId`. Writes only what changed since this store's last save or load.
    func save(_ overview: BankOverview, lastEventId: UUID) throws(ReadModelStateError)
    /// An empty overview to fold a whole log into, its accounts list writing the pages it
    /// merges where this store saves them (so a rebuild never holds every account in memory).
    func emptyOverview(window: Int) -> BankOverview
}

/// A saved overview and the event it ends with, so a resume can check the log is the same.
public struct SavedOverview: Sendable, Equatable {
    public var overview: BankOverview
    public var lastEventId: UUID

    public init(overview: BankOverview, lastEventId: UUID) {
        self.overview = overview
        self.lastEventId = lastEventId
    }
}

/// Why saved read-model state was not used (it is then rebuilt from the log), or could not be saved.
public enum ReadModelStateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Saved by another version of the code that folds it.
    case stale(saved: Int, current: Int)
    /// A file is damaged, missing or not what it claims to be.
    case corrupt(file: String, reason: String)
    /// It describes another log, or more of it than the log holds.
    case notThisLog(String)
    /// Reading or writing failed.
    case io(String)

    public var description: String {
        switch self {
        case .stale(let saved, let current): "saved by read-model code version \(saved), this is version \(current)"
        case .corrupt(let file, let reason): "\(file) is corrupt: \(reason)"
        case .notThisLog(let reason): "it does not match the log: \(reason)"
        case .io(let reason): reason
        }
    }
}
