import Foundation
import Store
import Testing
@testable import Core

/// The slotted key vault of the file backend: keys in 64-byte slots of one file, found by hash,
/// really overwritten when forgotten, checked by CRC, taken in from the earlier key files.
@Suite struct KeyVaultTests {
    static func owner(_ number: Int) -> KeyOwner {
        KeyOwner(stored: "401234-" + String(format: "%08d", number))!
    }

    /// A fresh temporary key directory (removed by the caller) and a store on it.
    static func vault() -> (FileCustomerKeyStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-vault-\(UUID().uuidString)")
        return (FileCustomerKeyStore(directory: directory, durable: false), directory)
    }

    static func bytes(of directory: URL) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(FileCustomerKeyStore.vaultName))
    }

    /// The slots of the vault file that are not empty, decoded (nil for a damaged one).
    static func usedSlots(in directory: URL) throws -> [KeySlot?] {
        let data = try bytes(of: directory)
        return stride(from: KeySlot.size, to: data.count, by: KeySlot.size).compactMap { start -> KeySlot?? in
            let slot = data[start..<(start + KeySlot.size)].withUnsafeBytes { KeySlot.decode($0) }
            return slot == .empty ? nil : .some(slot)
        }
    }

    @Test func forgettingOverwritesTheKeysSlotSoItsBytesAreNowhereInTheVault() throws {
        let (keys, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try #require(try keys.currentKey(for: Self.owner(1), creating: true))
        let other = try #require(try keys.currentKey(for: Self.owner(2), creating: true))
        #expect(try Self.bytes(of: directory).range(of: key.material) != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["vault.keys", "vault.lock"])
        #expect((try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("vault.keys").path)[.posixPermissions] as? Int) == 0o600)

        #expect(try keys.deleteKey(of: Self.owner(1)) == true)
        #expect(try keys.deleteKey(of: Self.owner(1)) == false)
        #expect(try Self.bytes(of: directory).range(of: key.material) == nil)
        #expect(try keys.currentKey(for: Self.owner(1), creating: false) == nil)
        #expect(try FileCustomerKeyStore(directory: directory).currentKey(for: Self.owner(1), creating: false) == nil)
        #expect(try FileCustomerKeyStore(directory: directory).currentKey(for: Self.owner(2), creating: false) == other)
        #expect(try Self.usedSlots(in: directory).filter { $0 == .forgotten }.count == 1)
    }

    @Test func aKeyMadeInAForgottenSlotIsNewAndNeverOpensWhatTheOldKeySealed() throws {
        let (keys, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        let personalData = PersonalData(keys: keys)
        let sealed = try personalData.seal("Ottoline Farquharson", owner: Self.owner(7), context: "AccountOpened/holder")
        let old = try #require(try keys.currentKey(for: Self.owner(7), creating: false))
        try personalData.forget(Self.owner(7))

        let later = try personalData.seal("Ottoline Farquharson", owner: Self.owner(7), context: "AccountOpened/holder")
        let new = try #require(try keys.currentKey(for: Self.owner(7), creating: false))
        // The one slot the owner's chain starts at was reused: one slot in use, holding the new key.
        #expect(try Self.usedSlots(in: directory) == [.live(new)])
        #expect(new.id != old.id && new.material != old.material)
        #expect(try Self.bytes(of: directory).range(of: old.material) == nil)
        #expect(personalData.open(sealed: Substring(sealed), context: "AccountOpened/holder") == .noKey)
        #expect(personalData.open(sealed: Substring(later), context: "AccountOpened/holder") == .text("Ottoline Farquharson"))
    }

    @Test func aTornSlotIsADamagedVaultErrorAndNoKeyIsMadeOverIt() throws {
        let (keys, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try #require(try keys.currentKey(for: Self.owner(3), creating: true))
        let path = directory.appendingPathComponent(FileCustomerKeyStore.vaultName)
        var data = try Self.bytes(of: directory)
        let keyAt = try #require(data.range(of: key.material)).lowerBound
        let slotOffset = keyAt - 28
        data[keyAt + 5] ^= 0x01
        try data.write(to: path)

        let reopened = FileCustomerKeyStore(directory: directory)
        #expect(throws: PersonalDataError.damagedKeyVault(file: path.path, offset: slotOffset)) {
            try reopened.currentKey(for: Self.owner(3), creating: false)
        }
        #expect(throws: PersonalDataError.damagedKeyVault(file: path.path, offset: slotOffset)) {
            try reopened.currentKey(for: Self.owner(3), creating: true)
        }
        #expect(try Self.bytes(of: directory) == data, "nothing written over the damaged slot")
    }

    @Test func aDamagedHeaderIsADamagedVaultError() throws {
        let (keys, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try keys.currentKey(for: Self.owner(4), creating: true)
        let path = directory.appendingPathComponent(FileCustomerKeyStore.vaultName)
        var data = try Self.bytes(of: directory)
        data[9] ^= 0x40
        try data.write(to: path)
        #expect(throws: PersonalDataError.damagedKeyVault(file: path.path, offset: 0)) {
            try FileCustomerKeyStore(directory: directory).currentKey(for: Self.owner(4), creating: false)
        }
    }

    @Test func keyFilesOfTheEarlierLayoutAreMovedIntoTheVaultAndErasedOnFirstOpen() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let earlier = try (1...3).map { try CustomerKey.generate(for: Self.owner($0)) } + [CustomerKey.generate(for: .readModels)]
        for key in earlier {
            try Data("pii-key 1 \(key.id) \(key.material.base64EncodedString())\n".utf8)
                .write(to: directory.appendingPathComponent(key.owner.name + ".key"))
        }
        let unused = try CustomerKey.generate(for: Self.owner(9))
        try Data("pii-key 1 \(unused.id) \(unused.material.base64EncodedString())\n".utf8)
            .write(to: directory.appendingPathComponent(unused.owner.name + ".key.tmp"))

        let keys = FileCustomerKeyStore(directory: directory)
        for key in earlier { #expect(try keys.currentKey(for: key.owner, creating: false) == key) }
        #expect(try keys.currentKey(for: Self.owner(9), creating: false) == nil, "a key never renamed into place sealed nothing")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["vault.keys", "vault.lock"])
        for key in earlier { #expect(try FileCustomerKeyStore(directory: directory).currentKey(for: key.owner, creating: false) == key) }
    }

    @Test func aBadKeyFileOfTheEarlierLayoutIsRefusedAndNothingIsRemoved() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-vault-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("not a key\n".utf8).write(to: directory.appendingPathComponent("401234-00000001.key"))
        #expect(throws: PersonalDataError.keyStore("\(directory.path)/401234-00000001.key is not a key file")) {
            try FileCustomerKeyStore(directory: directory).currentKey(for: Self.owner(1), creating: false)
        }
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("401234-00000001.key").path))
    }

    @Test func theVaultGrowsPastItsFirstSizeAndKeepsEveryKey() throws {
        let (keys, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = try keys.currentKeys(for: Set((0..<3000).map(Self.owner)))
        var singles: [KeyOwner: CustomerKey] = [:]
        for number in 3000..<3100 { singles[Self.owner(number)] = try keys.currentKey(for: Self.owner(number), creating: true) }
        #expect(batch.count == 3000)
        #expect(try keys.currentKeys(for: Set((0..<3000).map(Self.owner))) == batch, "asked again: the same keys")

        let reopened = FileCustomerKeyStore(directory: directory)
        for (owner, key) in batch.merging(singles, uniquingKeysWith: { first, _ in first }) {
            #expect(try reopened.currentKey(for: owner, creating: false) == key)
        }
        // 3,100 keys at most half full: 8,192 slots and the header, 64 bytes each.
        #expect(try Self.bytes(of: directory).count == 64 * (1 + 8192))
        #expect(try Self.usedSlots(in: directory).count == 3100)
    }

    @Test func aStoreThatHadTheVaultOpenFindsKeysAfterAnotherProcessGrewIt() throws {
        let (first, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        let early = try #require(try first.currentKey(for: Self.owner(1), creating: true))
        let second = FileCustomerKeyStore(directory: directory, durable: false)
        let grown = try second.currentKeys(for: Set((2..<2000).map(Self.owner)))

        #expect(try first.currentKey(for: Self.owner(1), creating: false) == early)
        #expect(try first.currentKey(for: Self.owner(1500), creating: false) == grown[Self.owner(1500)])
        let made = try #require(try first.currentKey(for: Self.owner(5000), creating: true))
        #expect(try second.currentKey(for: Self.owner(5000), creating: false) == made)
        #expect(try Self.usedSlots(in: directory).count == 2000)
    }

    @Test func theCopyOfAGrowthThatDidNotFinishIsErasedAtTheNextOpen() throws {
        let (keys, directory) = Self.vault()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try #require(try keys.currentKey(for: Self.owner(1), creating: true))
        let unfinished = directory.appendingPathComponent(FileCustomerKeyStore.vaultName + ".new")
        try Data(KeySlot.live(key).bytes).write(to: unfinished)
        #expect(try FileCustomerKeyStore(directory: directory).currentKey(for: Self.owner(1), creating: false) == key)
        #expect(!FileManager.default.fileExists(atPath: unfinished.path))
    }

    @Test func slotsRoundTripAndAnyChangedByteIsCaught() throws {
        let key = try CustomerKey.generate(for: Self.owner(12))
        for slot in [KeySlot.live(key), .forgotten] {
            let bytes = slot.bytes
            #expect(bytes.count == 64)
            #expect(bytes.withUnsafeBytes { KeySlot.decode($0) } == slot)
            for index in bytes.indices {
                var changed = bytes
                changed[index] ^= 0x10
                #expect(changed.withUnsafeBytes { KeySlot.decode($0) } == nil, "byte \(index)")
            }
        }
        #expect([UInt8](repeating: 0, count: 64).withUnsafeBytes { KeySlot.decode($0) } == .empty)
    }
}
