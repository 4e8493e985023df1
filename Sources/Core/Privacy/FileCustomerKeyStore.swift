import Foundation
import Store
import Synchronization

/// Keys in a slotted vault: `keys/vault.keys` in the data directory (0700; file 0600), a hash
/// table of 64-byte slots (`KeySlot`: owner, key id, key, CRC32C) found by the hash of the
/// owner's name (`KeyVaultTable`). A million customers' keys take one 128 MB file, not a
/// million files; nothing is held in memory but the table's header, and opening reads only it.
///
/// - Durability: a new key is written to its slot and synced (fdatasync) before it is
///   returned, so nothing is sealed with a key a crash could lose. A torn or changed slot
///   fails its checksum: `PersonalDataError.damagedKeyVault`, never a wrong key.
/// - Deletion: forgetting overwrites the key's slot in place (no key material left in it) and
///   syncs, whatever `durable` says. When the table grows, the old file is overwritten with
///   zeros before it is let go. What the file system and the disk beneath keep is theirs: see
///   the README's "Forgetting a customer".
/// - Processes: changes are serialised across processes by a lock on `keys/vault.lock`; a
///   process that finds the vault replaced by a larger one (another process grew it) reopens it.
/// - Migration: a directory of per-customer `OWNER.key` files (the earlier layout) is moved
///   into the vault when first opened, each file then overwritten with zeros and removed.
///
/// Thread-safe.
public final class FileCustomerKeyStore: CustomerKeyStore {
    let directory: String
    let fileSystem: any StoreFileSystem
    let durable: Bool
    /// The open table (nil until first needed; never opened when the directory has no keys).
    private let table = Mutex<KeyVaultTable?>(nil)

    static let vaultName = "vault.keys"
    static let lockName = "vault.lock"

    /// The key store in `directory` (created with the first key).
    /// - Parameter durable: sync new keys (false only where the event store's own durability is
    ///   relaxed, for benchmarks and tests). Deletions are always synced.
    public init(directory: URL, fileSystem: any StoreFileSystem = PosixFileSystem(), durable: Bool = true) {
        self.directory = directory.path
        self.fileSystem = fileSystem
        self.durable = durable
    }

    /// Where a data directory keeps its keys.
    public static func directory(in dataDirectory: URL) -> URL {
        dataDirectory.appendingPathComponent("keys", isDirectory: true)
    }

    var vaultPath: String { directory + "/" + Self.vaultName }

    // MARK: - Reading

    public func currentKey(for owner: KeyOwner, creating: Bool) throws(PersonalDataError) -> CustomerKey? {
        guard KeySlot.fits(owner) else { throw .keyStore("the owner name \(owner) is longer than a key slot holds") }
        if let key = try lookUp(owner) { return key }
        guard creating else { return nil }
        return try changing { table throws(PersonalDataError) -> CustomerKey in
            let probe = try table.probe(owner)
            if let found = probe.found { return found.key }
            try grow(&table, adding: 1)
            let key = try CustomerKey.generate(for: owner)
            try table.place(key, table.probe(owner))
            try commit(table)
            return key
        }
    }

    /// The owner's key as the vault holds it now; a miss or a damaged slot is looked at again
    /// once in the current vault file, when another process has replaced it meanwhile.
    private func lookUp(_ owner: KeyOwner) throws(PersonalDataError) -> CustomerKey? {
        try table.withLock { table throws(PersonalDataError) -> CustomerKey? in
            if table == nil { table = try openTable(creating: false, locked: false) }
            guard let current = table else { return nil }
            do throws(PersonalDataError) {
                if let found = try current.probe(owner).found { return found.key }
            } catch .damagedKeyVault(let file, let offset) {
                guard try refresh(&table) else { throw .damagedKeyVault(file: file, offset: offset) }
                return try table?.probe(owner).found?.key
            }
            guard try refresh(&table) else { return nil }
            return try table?.probe(owner).found?.key
        }
    }

    // MARK: - Writing

    /// Makes the missing keys together: one growth of the table if needed, each key written to
    /// its slot, then one sync.
    public func currentKeys(for owners: Set<KeyOwner>) throws(PersonalDataError) -> [KeyOwner: CustomerKey] {
        if let long = owners.first(where: { !KeySlot.fits($0) }) { throw .keyStore("the owner name \(long) is longer than a key slot holds") }
        return try changing { table throws(PersonalDataError) -> [KeyOwner: CustomerKey] in
            try grow(&table, adding: owners.count)
            var keys: [KeyOwner: CustomerKey] = [:]
            keys.reserveCapacity(owners.count)
            var made = false
            for owner in owners {
                let probe = try table.probe(owner)
                if let found = probe.found {
                    keys[owner] = found.key
                } else {
                    let key = try CustomerKey.generate(for: owner)
                    try table.place(key, probe)
                    keys[owner] = key
                    made = true
                }
            }
            if made { try commit(table) }
            return keys
        }
    }

    public func deleteKey(of owner: KeyOwner) throws(PersonalDataError) -> Bool {
        guard KeySlot.fits(owner), try lookUp(owner) != nil else { return false }
        return try changing { table throws(PersonalDataError) -> Bool in
            guard let found = try table.probe(owner).found else { return false }
            try table.forget(slot: found.slot)
            try table.writeHeader()
            try table.file.sync()
            return true
        }
    }

    /// Runs `change` on the current table (made when there is none) under this process's lock
    /// and the vault's lock file, so no other process changes the vault meanwhile.
    private func changing<T>(_ change: (inout KeyVaultTable) throws(PersonalDataError) -> T) throws(PersonalDataError) -> T {
        try table.withLock { table throws(PersonalDataError) -> T in
            try createDirectory()
            let lock = try lockFile()
            try lock.lock()
            defer { lock.unlock() }
            if table == nil { table = try openTable(creating: true, locked: true) }
            _ = try refresh(&table)
            guard var current = table else { throw .keyStore("the key vault \(vaultPath) could not be made") }
            try current.reloadHeader()
            defer { table = current }
            return try change(&current)
        }
    }

    /// Writes the header and, when durable, syncs the slots written before it.
    private func commit(_ table: KeyVaultTable) throws(PersonalDataError) {
        try table.writeHeader()
        if durable { try table.file.sync() }
    }

    /// Replaces `table` by a larger one when `adding` keys would fill it past three quarters:
    /// the live keys copied into `vault.keys.new`, synced, renamed over the vault, the directory
    /// synced, then the old file zeroed.
    func grow(_ table: inout KeyVaultTable, adding: Int) throws(PersonalDataError) {
        guard !table.hasRoom(for: adding) else { return }
        let newPath = vaultPath + ".new"
        guard let file = try VaultFile(path: newPath, create: true) else { throw .keyStore("cannot create \(newPath)") }
        var grown = try KeyVaultTable.create(in: file, capacity: KeyVaultTable.capacity(for: table.header.live + adding))
        try table.copyLiveKeys(into: &grown)
        try grown.writeHeader()
        try file.sync()
        do {
            try fileSystem.rename(newPath, to: vaultPath)
            try fileSystem.syncDirectory(directory)
        } catch {
            throw .keyStore("replacing \(vaultPath): \(error)")
        }
        try table.file.erase()
        table = grown
    }

    // MARK: - Opening

    /// The vault's table: opened, made (`creating`, or to take in key files of the earlier
    /// layout), or nil when the directory holds no keys. Takes the vault's lock file unless the
    /// caller holds it (`locked`).
    private func openTable(creating: Bool, locked: Bool) throws(PersonalDataError) -> KeyVaultTable? {
        let legacy = try legacyKeyFiles()
        guard creating || !legacy.isEmpty || fileSystem.fileExists(vaultPath) else { return nil }
        try createDirectory()
        let lock = locked ? nil : try lockFile()
        try lock?.lock()
        defer { lock?.unlock() }
        guard let file = try VaultFile(path: vaultPath, create: true) else { throw .keyStore("cannot create \(vaultPath)") }
        var table: KeyVaultTable
        if try file.size() == 0 {
            table = try KeyVaultTable.create(in: file, capacity: KeyVaultTable.initialCapacity)
            try file.sync()
            try syncDirectory()
        } else {
            table = try KeyVaultTable.open(file)
        }
        if !legacy.isEmpty { try migrate(legacy, into: &table) }
        try eraseUnfinishedGrowth()
        return table
    }

    /// Zeroes and removes the copy a growth was making when its process stopped (it holds keys
    /// the vault holds too; left alone its blocks would keep them).
    private func eraseUnfinishedGrowth() throws(PersonalDataError) {
        guard let file = try VaultFile(path: vaultPath + ".new", create: false) else { return }
        try file.erase()
        do {
            try fileSystem.remove(file.path)
        } catch {
            throw .keyStore("removing \(file.path): \(error)")
        }
    }

    /// Reopens the vault when the file at its path is no longer the one `table` has open;
    /// true when it did.
    private func refresh(_ table: inout KeyVaultTable?) throws(PersonalDataError) -> Bool {
        guard let current = table, let now = VaultFile.identity(at: vaultPath), try current.file.identity() != now,
              let file = try VaultFile(path: vaultPath, create: false) else { return false }
        table = try KeyVaultTable.open(file)
        return true
    }

    private func lockFile() throws(PersonalDataError) -> VaultFile {
        guard let file = try VaultFile(path: directory + "/" + Self.lockName, create: true) else {
            throw .keyStore("cannot create \(directory)/\(Self.lockName)")
        }
        return file
    }

    private func createDirectory() throws(PersonalDataError) {
        do {
            try fileSystem.createDirectory(directory)
        } catch {
            throw .keyStore("creating \(directory): \(error)")
        }
    }

    func syncDirectory() throws(PersonalDataError) {
        do {
            try fileSystem.syncDirectory(directory)
        } catch {
            throw .keyStore("syncing \(directory): \(error)")
        }
    }
}
