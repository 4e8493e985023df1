import Foundation
import Store
import Synchronization

/// One file of pages of the accounts list, only ever written at its end: a page once written
/// never changes, so it is named by its file and offset (`StoredAccountPage`) and read by any
/// copy of an `AccountDirectory` that holds it — also after a newer save stopped naming the
/// file (it stays open, so its pages stay readable until the last copy lets go).
///
/// Reads go through a cache of the pages read last, bounded in bytes; each page is checked
/// against its CRC32C when read from disk. Thread-safe.
public final class AccountPageFile: Sendable {
    /// Bytes of pages the cache keeps at most.
    static let cacheBytes = 48 << 20

    /// The file's name in its directory (what a manifest records).
    let name: String
    /// Its path, which tells two objects open on the same file.
    let path: String
    private let file: any StoreFile
    /// Seals each page with the bank's read-models key (pages hold names); nil: plain pages.
    private let personalData: PersonalData?
    private let state: Mutex<State>

    private struct State {
        /// Where the next page is written.
        var end: UInt64
        var cache: [UInt64: (page: AccountPageCodec.Page, used: UInt64)] = [:]
        var cachedBytes = 0
        var clock: UInt64 = 0
    }

    /// Opens `name` in `directory` to read its pages, or (not `readOnly`) also to write more after
    /// whatever it holds, making it when missing.
    init(directory: String, name: String, fileSystem: any StoreFileSystem, personalData: PersonalData? = nil,
         readOnly: Bool) throws(EventStoreError) {
        self.name = name
        self.personalData = personalData
        path = directory + "/" + name
        file = try fileSystem.open(path, mode: readOnly ? .readOnly : .create)
        do {
            state = Mutex(State(end: try file.size()))
        } catch {
            file.close()
            throw error
        }
    }

    deinit { file.close() }

    /// Bytes written so far (pages named by a save, and others not yet or no longer named).
    var size: UInt64 { state.withLock { $0.end } }

    /// Writes a page's encoded rows at the end, sealed when this file seals; not durable until `sync()`.
    func append(page body: Data) throws(EventStoreError) -> StoredAccountPage {
        guard let personalData else { return try append(body) }
        do {
            return try append(personalData.seal(file: body, owner: .readModels, context: Self.sealContext))
        } catch {
            throw .io(path: path, reason: "cannot seal a page of the accounts list: \(error)")
        }
    }

    /// What a sealed page is bound to: the same in every page file, so pages are copied between files as they are.
    static let sealContext = "accounts-page"

    /// Writes `body` (a page as `bytes(_:)` gives it) at the end; not durable until `sync()`.
    func append(_ body: Data) throws(EventStoreError) -> StoredAccountPage {
        // The range is taken before writing, so a failed write is never written over; after
        // the file's end, should another object have written to it too.
        let size = try file.size()
        let offset = state.withLock { state -> UInt64 in
            state.end = max(state.end, size)
            defer { state.end += UInt64(body.count) }
            return state.end
        }
        var failure: EventStoreError?
        body.withUnsafeBytes { raw in
            do throws(EventStoreError) { try file.write(raw, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
        let checksum = body.withUnsafeBytes { CRC32C.checksum($0) }
        return StoredAccountPage(file: self, offset: offset, length: body.count, checksum: checksum)
    }

    func sync() throws(EventStoreError) { try file.sync() }

    /// The bytes of a page of this file, unchecked (a copy into another file checks them there).
    func bytes(_ page: StoredAccountPage) throws(EventStoreError) -> Data {
        var data = Data(count: page.length)
        var read = 0
        var failure: EventStoreError?
        data.withUnsafeMutableBytes { raw in
            do throws(EventStoreError) { read = try file.read(into: raw, at: page.offset) } catch { failure = error }
        }
        if let failure { throw failure }
        guard read == page.length else { throw .corrupt(file: path, offset: page.offset, reason: "a page of the accounts list is cut short") }
        return data
    }

    /// A page of this file, read (and checked) or taken from the cache.
    func page(_ stored: StoredAccountPage) throws(EventStoreError) -> AccountPageCodec.Page {
        let cached = state.withLock { state -> AccountPageCodec.Page? in
            guard let entry = state.cache[stored.offset] else { return nil }
            state.clock += 1
            state.cache[stored.offset] = (entry.page, state.clock)
            return entry.page
        }
        if let cached { return cached }
        let data = try bytes(stored)
        guard data.withUnsafeBytes({ CRC32C.checksum($0) }) == stored.checksum else {
            throw .corrupt(file: path, offset: stored.offset, reason: "checksum mismatch in a page of the accounts list")
        }
        let page: AccountPageCodec.Page
        let plain = try opened(data, at: stored.offset)
        do throws(AccountPageCodec.DecodingProblem) {
            page = try AccountPageCodec.Page(plain)
        } catch {
            throw .corrupt(file: path, offset: stored.offset, reason: "a page of the accounts list does not decode: \(error.reason)")
        }
        state.withLock { state in
            state.clock += 1
            state.cache[stored.offset] = (page, state.clock)
            state.cachedBytes += page.bytes.count
            guard state.cachedBytes > Self.cacheBytes else { return }
            // Evict the least recently used half, so eviction is rare.
            let order = state.cache.sorted { $0.value.used < $1.value.used }
            for (offset, entry) in order.prefix(order.count / 2) {
                state.cache[offset] = nil
                state.cachedBytes -= entry.page.bytes.count
            }
        }
        return page
    }
}

extension AccountPageFile {
    /// A page's bytes as written: opened when sealed.
    private func opened(_ data: Data, at offset: UInt64) throws(EventStoreError) -> Data {
        guard PersonalData.isSealedFile(data) else { return data }
        guard let personalData else { throw .corrupt(file: path, offset: offset, reason: "a sealed page of the accounts list, and no key store to open it") }
        switch personalData.open(file: data, context: Self.sealContext) {
        case (.text, let plain?)?: return plain
        case (.noKey, _)?: throw .corrupt(file: path, offset: offset, reason: "the read-models key was deleted (a customer was forgotten)")
        default: throw .corrupt(file: path, offset: offset, reason: "a page of the accounts list does not open with its key")
        }
    }
}

/// A page of the accounts list written in an `AccountPageFile`: where, and its checksum.
struct StoredAccountPage: Sendable, Equatable {
    let file: AccountPageFile
    let offset: UInt64
    let length: Int
    let checksum: UInt32

    static func == (lhs: StoredAccountPage, rhs: StoredAccountPage) -> Bool {
        lhs.file === rhs.file && lhs.offset == rhs.offset && lhs.length == rhs.length && lhs.checksum == rhs.checksum
    }

    /// The rows, checked.
    func rows() throws(EventStoreError) -> [AccountDirectory.Row] {
        let page = try file.page(self)
        do throws(AccountPageCodec.DecodingProblem) {
            return try page.rows()
        } catch {
            throw .corrupt(file: file.path, offset: offset, reason: "a page of the accounts list does not decode: \(error.reason)")
        }
    }

    /// The row of `key`, if the page has it.
    func row(_ key: UInt64) throws(EventStoreError) -> AccountDirectory.Row? {
        let page = try file.page(self)
        guard let index = page.index(of: key) else { return nil }
        do throws(AccountPageCodec.DecodingProblem) {
            return try page.row(index)
        } catch {
            throw .corrupt(file: file.path, offset: offset, reason: "a page of the accounts list does not decode: \(error.reason)")
        }
    }
}

/// Where an `AccountDirectory` writes the pages it merges: the page file its saves commit to
/// (the one the last load named, else a new one), opened when first needed. A save that starts
/// a new file (to leave the garbage of the old one behind) moves it here, so later pages go to
/// the new file. Thread-safe.
public final class AccountPageSink: Sendable {
    private let directory: String
    private let fileSystem: any StoreFileSystem
    private let personalData: PersonalData?
    private let state = Mutex<(file: AccountPageFile?, name: String?)>((nil, nil))

    init(directory: String, fileSystem: any StoreFileSystem, personalData: PersonalData? = nil) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.personalData = personalData
    }

    /// The name of the file pages go to now, if one is chosen.
    var currentName: String? { state.withLock { $0.file?.name ?? $0.name } }

    /// The file pages go to now, opened (made) when first asked for.
    func file() throws(EventStoreError) -> AccountPageFile {
        try state.withLock { state throws(EventStoreError) -> AccountPageFile in
            if let file = state.file { return file }
            try fileSystem.createDirectory(directory)
            let name: String
            if let chosen = state.name { name = chosen } else { name = try newName() }
            let file = try AccountPageFile(directory: directory, name: name, fileSystem: fileSystem, personalData: personalData, readOnly: false)
            state = (file, name)
            return file
        }
    }

    /// Sends later pages to the end of `name`, the file a save named.
    func `continue`(_ name: String) { state.withLock { $0 = (nil, name) } }

    /// Starts the new file `name` and sends later pages to it.
    func start(_ name: String) throws(EventStoreError) -> AccountPageFile {
        let file = try AccountPageFile(directory: directory, name: name, fileSystem: fileSystem, personalData: personalData, readOnly: false)
        state.withLock { $0 = (file, name) }
        return file
    }

    /// A page file name after every one in the directory.
    private func newName() throws(EventStoreError) -> String {
        let newest = try fileSystem.contentsOfDirectory(directory).compactMap { name -> UInt64? in
            guard name.hasPrefix("accounts-"), name.hasSuffix(".pages") else { return nil }
            return UInt64(name.dropFirst("accounts-".count).dropLast(".pages".count))
        }.max() ?? 0
        return "accounts-\(newest + 1).pages"
    }
}
