import Foundation
import Store

// Taking in the earlier layout: one `OWNER.key` file per owner holding
// `pii-key 1 KEYID BASE64KEY` (and `OWNER.key.tmp` files a crash left before their rename).

extension FileCustomerKeyStore {
    /// The names of the earlier layout's key files in the directory (none when it does not exist).
    func legacyKeyFiles() throws(PersonalDataError) -> [String] {
        guard fileSystem.fileExists(directory) else { return [] }
        do {
            return try fileSystem.contentsOfDirectory(directory).filter { $0.hasSuffix(".key") || $0.hasSuffix(".key.tmp") }
        } catch {
            throw .keyStore("listing \(directory): \(error)")
        }
    }

    /// Moves the keys of `names` into `table`, synced, then overwrites each file with zeros
    /// and removes it. A `.tmp` file held a key never renamed into place — never used to seal
    /// anything — and is only erased. An owner the vault already holds under another key id is
    /// refused: which of the two sealed its data cannot be told.
    func migrate(_ names: [String], into table: inout KeyVaultTable) throws(PersonalDataError) {
        try grow(&table, adding: names.count)
        for name in names where name.hasSuffix(".key") {
            let key = try readLegacyKey(name)
            let probe = try table.probe(key.owner)
            if let found = probe.found {
                guard found.key == key else { throw .keyStore("\(directory)/\(name) and the key vault hold different keys for \(key.owner)") }
                continue
            }
            try table.place(key, probe)
        }
        try table.writeHeader()
        try table.file.sync()
        do {
            for name in names { try erase(directory + "/" + name) }
            for name in names { try fileSystem.remove(directory + "/" + name) }
            try fileSystem.syncDirectory(directory)
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .keyStore("removing the migrated key files in \(directory): \(error)")
        }
    }

    /// Overwrites a key file with zeros, synced, so its blocks do not keep the key when freed.
    private func erase(_ path: String) throws {
        let file = try fileSystem.open(path, mode: .readWrite)
        defer { file.close() }
        let zeros = [UInt8](repeating: 0, count: Int(try file.size()))
        try zeros.withUnsafeBytes { raw in try file.write(raw, at: 0) }
        try file.sync()
    }

    /// The key in `OWNER.key`; `keyStore` when it is not one.
    private func readLegacyKey(_ name: String) throws(PersonalDataError) -> CustomerKey {
        let path = directory + "/" + name
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
            throw .keyStore("reading \(path): \(error)")
        }
        let fields = text.split(separator: " ")
        guard fields.count == 4, fields[0] == "pii-key", fields[1] == "1",
              let owner = KeyOwner(stored: String(name.dropLast(".key".count))), KeySlot.fits(owner),
              let material = Data(base64Encoded: String(fields[3].trimmingCharacters(in: .newlines))),
              let key = CustomerKey(id: String(fields[2]), owner: owner, material: material), key.idRandom != nil
        else { throw .keyStore("\(path) is not a key file") }
        return key
    }
}
