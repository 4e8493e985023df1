import Foundation
import Store
import Synchronization

/// Saves the bank-wide views in a directory beside the log: a manifest (`overview.state`:
/// position, the payment views, and the list of account pages; JSON) and one file per
/// non-empty page of the accounts list (`accounts-PAGE-GENERATION.page`; `AccountPageCodec`).
///
/// A save writes the pages that changed since the last save or load under a new generation,
/// each to a temporary file that is synced and renamed; then the manifest the same way, and
/// syncs the directory: the manifest's rename is the commit. Only then are the page files no
/// manifest names removed. A crash before the commit leaves the previous manifest and every
/// page it names in place. Every file is framed (`StateFileFraming`) with its kind, format,
/// code version, length and CRC32C, checked at load.
///
/// Cost of a save: the payment views (bounded by payments open and the window) plus the
/// changed pages. Thread-safe; saves are serialised.
public final class FileReadModelStateStore: ReadModelStateStore {
    /// The manifest's file name.
    static let manifestName = "overview.state"
    static let manifestKind = "bank-overview"
    static let pageKind = "bank-accounts-page"

    private let directory: String
    private let fileSystem: any StoreFileSystem
    /// Seals every file with the bank's read-models key (they hold names); nil: plain files.
    private let personalData: PersonalData?
    /// The page files the last save or load knows to be on disk, by page index.
    private let written = Mutex<[Int: Manifest.Page]>([:])
    /// The generation of the last save or load (nil until either, then taken from the files).
    private let generation = Mutex<UInt64?>(nil)

    /// The store in `directory` (created at the first save).
    /// - Parameter personalData: the data directory's key store: files are sealed whole with its
    ///   `read-models` key, which forgetting a customer deletes (the next load then rebuilds).
    public init(directory: URL, fileSystem: any StoreFileSystem = PosixFileSystem(), personalData: PersonalData? = nil) {
        self.directory = directory.path
        self.fileSystem = fileSystem
        self.personalData = personalData
    }

    /// What the manifest holds.
    struct Manifest: Codable {
        struct Page: Codable, Equatable {
            var index: Int
            var file: String
            var version: UInt64
        }

        var generation: UInt64
        var position: UInt64?
        var lastCreated: Date?
        var eventCount: Int
        var lastEventId: UUID
        var payments: PaymentOverview
        var pages: [Page]
    }

    // MARK: - Loading

    public func load() throws(ReadModelStateError) -> SavedOverview? {
        let manifestPath = path(Self.manifestName)
        guard fileSystem.fileExists(manifestPath) else { return nil }
        let manifest: Manifest = try decode(Self.manifestName, kind: Self.manifestKind)
        var pages = Array(repeating: [AccountDirectory.Row](), count: AccountDirectory.pageCount)
        var versions = Array(repeating: UInt64(0), count: AccountDirectory.pageCount)
        for page in manifest.pages {
            guard pages.indices.contains(page.index) else { throw .corrupt(file: Self.manifestName, reason: "page \(page.index) out of range") }
            let rows = try decodePage(page.file)
            if let stray = rows.first(where: { AccountDirectory.page(of: $0.id) != page.index }) {
                throw .corrupt(file: page.file, reason: "account \(stray.id) does not belong in page \(page.index)")
            }
            pages[page.index] = rows
            versions[page.index] = page.version
        }
        var overview = BankOverview(window: manifest.payments.window)
        overview.position = manifest.position
        overview.lastCreated = manifest.lastCreated
        overview.eventCount = manifest.eventCount
        overview.payments = manifest.payments
        overview.accounts = AccountDirectory(pages: pages, versions: versions)
        written.withLock { $0 = Dictionary(manifest.pages.map { ($0.index, $0) }, uniquingKeysWith: { $1 }) }
        generation.withLock { $0 = manifest.generation }
        return SavedOverview(overview: overview, lastEventId: manifest.lastEventId)
    }

    private func decodePage(_ name: String) throws(ReadModelStateError) -> [AccountDirectory.Row] {
        let body = try StateFileFraming.body(of: try read(name), kind: Self.pageKind, name: name)
        do throws(AccountPageCodec.DecodingProblem) {
            return try AccountPageCodec.decode(body)
        } catch {
            throw .corrupt(file: name, reason: "cannot decode: \(error.reason)")
        }
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

    // MARK: - Saving

    public func save(_ overview: BankOverview, lastEventId: UUID) throws(ReadModelStateError) {
        // One save at a time: the generation and the pages written belong to it.
        try written.withLock { written throws(ReadModelStateError) in
            try save(overview, lastEventId: lastEventId, written: &written)
        }
    }

    private func save(_ overview: BankOverview, lastEventId: UUID, written: inout [Int: Manifest.Page]) throws(ReadModelStateError) {
        do {
            try fileSystem.createDirectory(directory)
        } catch {
            throw .io("cannot create \(directory): \(error)")
        }
        let next = try nextGeneration()
        var pages = written
        let accounts = overview.accounts
        for index in 0..<AccountDirectory.pageCount {
            let version = accounts.pageVersions[index]
            if pages[index]?.version == version { continue }
            let rows = accounts.rows(ofPage: index)
            if rows.isEmpty {
                pages[index] = nil
                continue
            }
            let name = "accounts-\(index)-\(next).page"
            try replace(name, with: StateFileFraming.frame(kind: Self.pageKind, body: AccountPageCodec.encode(rows)))
            pages[index] = Manifest.Page(index: index, file: name, version: version)
        }
        let manifest = Manifest(generation: next, position: overview.position, lastCreated: overview.lastCreated,
                                eventCount: overview.eventCount, lastEventId: lastEventId, payments: overview.payments,
                                pages: pages.values.sorted { $0.index < $1.index })
        try replace(Self.manifestName, with: StateFileFraming.frame(kind: Self.manifestKind, body: try encode(manifest, Self.manifestName)))
        do {
            try fileSystem.syncDirectory(directory)
        } catch {
            throw .io("syncing \(directory): \(error)")
        }
        written = pages
        generation.withLock { $0 = next }
        try removeUnnamed(keeping: Set(pages.values.map(\.file)))
    }

    /// One past the newest generation in use (the manifest's, or any file's left by a crash).
    private func nextGeneration() throws(ReadModelStateError) -> UInt64 {
        let known = generation.withLock { $0 } ?? 0
        return max(known, try newestFileGeneration() ?? 0) + 1
    }

    /// The newest generation any page file in the directory carries.
    private func newestFileGeneration() throws(ReadModelStateError) -> UInt64? {
        try pageFiles().compactMap { name in name.split(separator: "-").last.flatMap { UInt64($0.dropLast(".page".count)) } }.max()
    }

    private func pageFiles() throws(ReadModelStateError) -> [String] {
        do {
            return try fileSystem.contentsOfDirectory(directory).filter { $0.hasPrefix("accounts-") && $0.hasSuffix(".page") }
        } catch {
            throw .io("listing \(directory): \(error)")
        }
    }

    /// Removes page files the manifest does not name (superseded, or left by a crashed save).
    private func removeUnnamed(keeping named: Set<String>) throws(ReadModelStateError) {
        for name in try pageFiles() where !named.contains(name) {
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
}
