import Foundation
import Store
import Synchronization

/// Saves the bank-wide views in a directory beside the log: a manifest (`overview.state`:
/// position, the payment views, and the accounts list's page table; JSON) and one page file
/// (`accounts-GENERATION.pages`) holding the accounts list's pages (`AccountPageCodec`).
///
/// The page file is only ever appended to: the accounts list merges the rows it changed into
/// new pages at its end as it folds (`AccountDirectory.merge`), and a save writes the rest,
/// syncs the file, then replaces the manifest (a synced temporary file renamed over it: the
/// commit) and syncs the directory. A crash before the commit leaves the previous manifest
/// and every page it names in place (bytes after them are ignored). When most of the file is
/// pages no manifest names any more, a save starts a new file with the pages it names, and
/// after the commit removes the old one. The manifest is framed (`StateFileFraming`) with its
/// kind, format, code version, length and CRC32C, checked at load; each page is checked
/// against its CRC32C when it is read.
///
/// Cost of a load: the manifest (the payment views, and one entry per page of the accounts
/// list) — no account is read. Cost of a save: the payment views, the page table, and the
/// pages changed since the last merge. Thread-safe; saves are serialised.
public final class FileReadModelStateStore: ReadModelStateStore {
    /// The manifest's file name.
    static let manifestName = "overview.state"
    static let manifestKind = "bank-overview"

    private let directory: String
    private let fileSystem: any StoreFileSystem
    /// Seals every file, and every page of the accounts list, with the bank's read-models key
    /// (they hold names); nil: plain files.
    private let personalData: PersonalData?
    /// Where the accounts lists this store loads or makes write their pages.
    let sink: AccountPageSink
    /// The generation of the last save or load (nil until either).
    private let generation = Mutex<UInt64?>(nil)
    /// Serialises saves.
    private let saving = Mutex(())
    /// Rows an accounts list loaded or made here changes before it merges them into pages.
    private let overlayLimit: Int
    /// A page file is left for a new one once it is larger than this and than twice its pages named.
    private let compactAbove: UInt64

    /// The store in `directory` (created at the first save).
    /// - Parameters:
    ///   - overlayLimit: see `AccountDirectory.defaultOverlayLimit`.
    ///   - compactAbove: the size (bytes) below which a page file is never left for a new one.
    ///   - personalData: the data directory's key store: files and pages are sealed with its
    ///     `read-models` key, which forgetting a customer deletes (the next load then rebuilds).
    public init(directory: URL, fileSystem: any StoreFileSystem = PosixFileSystem(), personalData: PersonalData? = nil,
                overlayLimit: Int = AccountDirectory.defaultOverlayLimit, compactAbove: UInt64 = 16 << 20) {
        self.directory = directory.path
        self.fileSystem = fileSystem
        self.personalData = personalData
        self.overlayLimit = overlayLimit
        self.compactAbove = compactAbove
        sink = AccountPageSink(directory: directory.path, fileSystem: fileSystem, personalData: personalData)
    }

    /// What the manifest holds.
    struct Manifest: Codable {
        var generation: UInt64
        var position: UInt64?
        var lastCreated: Date?
        var eventCount: Int
        var lastEventId: UUID
        var payments: PaymentOverview
        var accounts: AccountsTable
    }

    /// The accounts list's counts and pages, all in `file`.
    struct AccountsTable: Codable, Equatable {
        var file: String?
        var count: Int
        var open: Int
        var blocked: Int
        var closed: Int
        /// Each page: first account key, rows, opened accounts, offset, length, CRC32C.
        var pages: [[UInt64]]
    }

    public func emptyOverview(window: Int) -> BankOverview {
        BankOverview(window: window, accounts: AccountDirectory(sink: sink, overlayLimit: overlayLimit))
    }

    // MARK: - Loading

    public func load() throws(ReadModelStateError) -> SavedOverview? {
        let manifestPath = path(Self.manifestName)
        guard fileSystem.fileExists(manifestPath) else { return nil }
        let manifest: Manifest = try decode(Self.manifestName, kind: Self.manifestKind)
        var overview = BankOverview(window: manifest.payments.window)
        overview.position = manifest.position
        overview.lastCreated = manifest.lastCreated
        overview.eventCount = manifest.eventCount
        overview.payments = manifest.payments
        overview.accounts = try accounts(manifest.accounts)
        generation.withLock { $0 = manifest.generation }
        return SavedOverview(overview: overview, lastEventId: manifest.lastEventId)
    }

    /// The accounts list the table describes, its pages read from its file when needed.
    private func accounts(_ table: AccountsTable) throws(ReadModelStateError) -> AccountDirectory {
        let statusCounts: [AccountStatus: Int] = [.open: table.open, .blocked: table.blocked, .closed: table.closed]
        guard let name = table.file else {
            guard table.pages.isEmpty, table.count == 0 else { throw .corrupt(file: Self.manifestName, reason: "pages without a page file") }
            return AccountDirectory(sink: sink, overlayLimit: overlayLimit)
        }
        guard fileSystem.fileExists(path(name)) else { throw .corrupt(file: name, reason: "missing") }
        let file: AccountPageFile
        do {
            file = try AccountPageFile(directory: directory, name: name, fileSystem: fileSystem, personalData: personalData, readOnly: true)
        } catch {
            throw .corrupt(file: name, reason: "cannot open: \(error)")
        }
        var pages: [AccountDirectory.Page] = []
        pages.reserveCapacity(table.pages.count)
        var listed = 0
        for entry in table.pages {
            guard entry.count == 6, let length = Int(exactly: entry[4]), let checksum = UInt32(exactly: entry[5]),
                  entry[3] &+ entry[4] <= file.size, entry[3] <= entry[3] &+ entry[4],
                  let rows = Int(exactly: entry[1]), let opened = Int(exactly: entry[2]), opened <= rows, rows > 0,
                  pages.last.map({ $0.first < entry[0] }) ?? true else {
                throw .corrupt(file: Self.manifestName, reason: "page \(pages.count) of the accounts list is not one of \(name)")
            }
            listed += opened
            pages.append(AccountDirectory.Page(first: entry[0], body: .stored(StoredAccountPage(file: file, offset: entry[3], length: length, checksum: checksum)),
                                               rows: rows, listed: opened, token: AccountMatchMemo.newToken()))
        }
        guard listed == table.count, table.open + table.blocked + table.closed == table.count else {
            throw .corrupt(file: Self.manifestName, reason: "the accounts list's counts do not add up")
        }
        sink.continue(name)
        return AccountDirectory(pages: pages, count: table.count, statusCounts: statusCounts, sink: sink, overlayLimit: overlayLimit)
    }

    private func decode<T: Decodable>(_ name: String, kind: String) throws(ReadModelStateError) -> T {
        let bytes = try read(name)
        let body = try StateFileFraming.body(of: bytes, kind: kind, name: name)
        do {
            return try StateFileFraming.decoder.decode(T.self, from: body)
        } catch {
            throw .corrupt(file: name, reason: "cannot decode: \(error)")
        }
    }

    private func read(_ name: String) throws(ReadModelStateError) -> Data {
        let file: any StoreFile
        do {
            file = try fileSystem.open(path(name), mode: .readOnly)
        } catch {
            throw .corrupt(file: name, reason: "cannot open: \(error)")
        }
        defer { file.close() }
        do {
            let size = try file.size()
            var data = Data(count: Int(size))
            let count = try data.withUnsafeMutableBytes { raw in try file.read(into: raw, at: 0) }
            guard UInt64(count) == size else { throw ReadModelStateError.corrupt(file: name, reason: "short read") }
            return try opened(data, name)
        } catch let error as ReadModelStateError {
            throw error
        } catch {
            throw .io("reading \(name): \(error)")
        }
    }

    /// The bytes of a file as saved: opened when sealed.
    private func opened(_ bytes: Data, _ name: String) throws(ReadModelStateError) -> Data {
        guard PersonalData.isSealedFile(bytes) else { return bytes }
        guard let personalData else { throw .corrupt(file: name, reason: "sealed, and no key store was given to open it") }
        switch personalData.open(file: bytes, context: name) {
        case (.text, let plain?)?: return plain
        case (.noKey, _)?: throw .corrupt(file: name, reason: "its key was deleted (a customer was forgotten since it was saved)")
        default: throw .corrupt(file: name, reason: "it does not open with its key")
        }
    }

    // MARK: - Saving

    public func save(_ overview: BankOverview, lastEventId: UUID) throws(ReadModelStateError) {
        // One save at a time: the generation and the page file belong to it.
        try saving.withLock { _ throws(ReadModelStateError) in try saveAlone(overview, lastEventId: lastEventId) }
    }

    private func saveAlone(_ overview: BankOverview, lastEventId: UUID) throws(ReadModelStateError) {
        do {
            try fileSystem.createDirectory(directory)
        } catch {
            throw .io("cannot create \(directory): \(error)")
        }
        let next = try nextGeneration()
        let accounts = overview.accounts
        var table = AccountsTable(file: nil, count: accounts.count, open: accounts.count(.open), blocked: accounts.count(.blocked),
                                  closed: accounts.count(.closed), pages: [])
        do {
            var file = try sink.file()
            // Mostly pages no save names any more: the pages named move to a new file.
            if file.size > compactAbove, file.size > 2 * accounts.storedBytes(in: file) {
                file = try sink.start("accounts-\(next).pages")
            }
            let pages = try accounts.written(into: file)
            try file.sync()
            if !pages.isEmpty { table.file = file.name }
            table.pages = pages.compactMap { page -> [UInt64]? in
                guard case .stored(let stored) = page.body else { return nil }
                return [page.first, UInt64(page.rows), UInt64(page.listed), stored.offset, UInt64(stored.length), UInt64(stored.checksum)]
            }
        } catch {
            throw .io("writing the accounts list: \(error)")
        }
        let manifest = Manifest(generation: next, position: overview.position, lastCreated: overview.lastCreated,
                                eventCount: overview.eventCount, lastEventId: lastEventId, payments: overview.payments, accounts: table)
        try replace(Self.manifestName, with: StateFileFraming.frame(kind: Self.manifestKind, body: try encode(manifest, Self.manifestName)))
        do {
            try fileSystem.syncDirectory(directory)
        } catch {
            throw .io("syncing \(directory): \(error)")
        }
        generation.withLock { $0 = next }
        try removeUnnamed(keeping: table.file)
    }

    /// One past the newest generation in use (the manifest's, or any page file's).
    private func nextGeneration() throws(ReadModelStateError) -> UInt64 {
        let known = generation.withLock { $0 } ?? 0
        let files = try pageFiles().compactMap { name in name.split(separator: "-").last.flatMap { UInt64($0.split(separator: ".").first ?? "") } }
        return max(known, files.max() ?? 0) + 1
    }

    /// Page files in the directory: this version's (`.pages`) and the last version's (`.page`).
    private func pageFiles() throws(ReadModelStateError) -> [String] {
        do {
            return try fileSystem.contentsOfDirectory(directory).filter { $0.hasPrefix("accounts-") && ($0.hasSuffix(".pages") || $0.hasSuffix(".page")) }
        } catch {
            throw .io("listing \(directory): \(error)")
        }
    }

    /// Removes page files the manifest does not name (superseded, or left by a crashed save).
    private func removeUnnamed(keeping named: String?) throws(ReadModelStateError) {
        let current = sink.currentName
        for name in try pageFiles() where name != named && name != current {
            do {
                try fileSystem.remove(path(name))
            } catch {
                throw .io("removing \(name): \(error)")
            }
        }
    }

    private func encode<T: Encodable>(_ value: T, _ name: String) throws(ReadModelStateError) -> Data {
        do {
            return try StateFileFraming.encoder.encode(value)
        } catch {
            throw .io("cannot encode \(name): \(error)")
        }
    }

    /// Puts `bytes` at `name` whole or not at all: a synced temporary file renamed over it.
    private func replace(_ name: String, with bytes: Data) throws(ReadModelStateError) {
        let target = path(name), temporary = target + ".tmp"
        do {
            if fileSystem.fileExists(temporary) { try fileSystem.remove(temporary) }
            let file = try fileSystem.open(temporary, mode: .create)
            defer { file.close() }
            let sealed = try personalData.map { personalData throws(PersonalDataError) in
                try personalData.seal(file: bytes, owner: .readModels, context: name)
            } ?? bytes
            try sealed.withUnsafeBytes { raw in try file.write(raw, at: 0) }
            try file.sync()
            try fileSystem.rename(temporary, to: target)
        } catch {
            throw .io("writing \(name): \(error)")
        }
    }

    private func path(_ name: String) -> String { directory + "/" + name }
}
