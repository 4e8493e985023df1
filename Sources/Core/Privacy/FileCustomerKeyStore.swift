import Foundation
import Store
import Synchronization

/// Keys in files: `keys/OWNER.key` in the data directory (0700; files 0600), one per owner,
/// holding `pii-key 1 KEYID BASE64KEY`.
///
/// A new key is written to a temporary file, synced, renamed into place and the directory
/// synced, so it is on disk before anything is sealed with it. Deleting the file and syncing
/// the directory deletes the key (what the file system and the disk beneath keep of the
/// unlinked blocks is theirs: see the README's "Forgetting a customer").
public final class FileCustomerKeyStore: CustomerKeyStore {
    private let directory: String
    private let fileSystem: any StoreFileSystem
    private let durable: Bool
    /// Serialises creation and deletion in this process (one writer per data directory).
    private let lock = Mutex(())

    /// The key store in `directory` (created with the first key).
    /// - Parameter durable: sync new key files and the directory (false only where the event
    ///   store's own durability is relaxed, for benchmarks and tests).
    public init(directory: URL, fileSystem: any StoreFileSystem = PosixFileSystem(), durable: Bool = true) {
        self.directory = directory.path
        self.fileSystem = fileSystem
        self.durable = durable
    }

    /// Where a data directory keeps its keys.
    public static func directory(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("keys", isDirectory: true)
    }

    public func currentKey(for owner: KeyOwner, creating: Bool) throws(PersonalDataError) -> CustomerKey? {
        if let key = try read(owner) { return key }
        guard creating else { return nil }
        return try lock.withLock { _ throws(PersonalDataError) -> CustomerKey in
            if let key = try read(owner) { return key }
            let key = try CustomerKey.generate(for: owner)
            try write(key)
            return key
        }
    }

    /// Makes the missing keys together: each written to a temporary file and synced, then all
    /// renamed into place, then the directory synced once.
    public func currentKeys(for owners: Set<KeyOwner>) throws(PersonalDataError) -> [KeyOwner: CustomerKey] {
        try lock.withLock { _ throws(PersonalDataError) -> [KeyOwner: CustomerKey] in
            var keys: [KeyOwner: CustomerKey] = [:]
            var made: [CustomerKey] = []
            for owner in owners {
                if let key = try read(owner) {
                    keys[owner] = key
                } else {
                    let key = try CustomerKey.generate(for: owner)
                    try writeTemporary(key)
                    made.append(key)
                    keys[owner] = key
                }
            }
            guard !made.isEmpty else { return keys }
            do {
                for key in made { try fileSystem.rename(path(of: key.owner) + ".tmp", to: path(of: key.owner)) }
                if durable { try fileSystem.syncDirectory(directory) }
            } catch {
                throw .keyStore("writing keys in \(directory): \(error)")
            }
            return keys
        }
    }

    public func deleteKey(of owner: KeyOwner) throws(PersonalDataError) -> Bool {
        try lock.withLock { _ throws(PersonalDataError) -> Bool in
            let path = path(of: owner)
            guard fileSystem.fileExists(path) else { return false }
            do {
                try fileSystem.remove(path)
                try fileSystem.syncDirectory(directory)
            } catch {
                throw .keyStore("deleting \(path): \(error)")
            }
            return true
        }
    }

    private func path(of owner: KeyOwner) -> String { directory + "/" + owner.name + ".key" }

    private func read(_ owner: KeyOwner) throws(PersonalDataError) -> CustomerKey? {
        let path = path(of: owner)
        guard fileSystem.fileExists(path) else { return nil }
        let text: String
        do {
            let file = try fileSystem.open(path, mode: .readOnly)
            defer { file.close() }
            let size = try file.size()
            guard size <= 4096 else { throw PersonalDataError.keyStore("\(path) is not a key file") }
            var bytes = [UInt8](repeating: 0, count: Int(size))
            let count = try bytes.withUnsafeMutableBytes { raw in try file.read(into: raw, at: 0) }
            text = String(decoding: bytes[..<count], as: UTF8.self)
        } catch let error as PersonalDataError {
            throw error
        } catch {
            // Deleted between the look and the read: it has no key.
            if !fileSystem.fileExists(path) { return nil }
            throw .keyStore("reading \(path): \(error)")
        }
        let fields = text.split(separator: " ")
        guard fields.count == 4, fields[0] == "pii-key", fields[1] == "1",
              CustomerKey.owner(ofKeyID: fields[2]) == owner,
              let bytes = Data(base64Encoded: String(fields[3].trimmingCharacters(in: .newlines))), bytes.count == AESGCM.keySize
        else { throw .keyStore("\(path) is not a key file") }
        return CustomerKey(id: String(fields[2]), owner: owner, bytes: [UInt8](bytes))
    }

    private func write(_ key: CustomerKey) throws(PersonalDataError) {
        try writeTemporary(key)
        let path = path(of: key.owner)
        do {
            try fileSystem.rename(path + ".tmp", to: path)
            if durable { try fileSystem.syncDirectory(directory) }
        } catch {
            throw .keyStore("writing \(path): \(error)")
        }
    }

    /// Writes `key` to `OWNER.key.tmp`, synced when durable.
    private func writeTemporary(_ key: CustomerKey) throws(PersonalDataError) {
        let temporary = path(of: key.owner) + ".tmp"
        let text = "pii-key 1 \(key.id) \(Data(key.bytes).base64EncodedString())\n"
        do {
            try fileSystem.createDirectory(directory)
            if fileSystem.fileExists(temporary) { try fileSystem.remove(temporary) }
            let file = try fileSystem.open(temporary, mode: .create)
            defer { file.close() }
            try Array(text.utf8).withUnsafeBytes { raw in try file.write(raw, at: 0) }
            if durable { try file.sync() }
        } catch {
            throw .keyStore("writing \(temporary): \(error)")
        }
    }
}
