import Foundation

/// Whose key: a customer of the bank (one of its accounts), or the bank's own keys for
/// personal data that names no account of ours and for its saved read models.
public struct KeyOwner: Sendable, Hashable, CustomStringConvertible {
    /// Digits and lower-case letters and `-` only: it names a file and a table row.
    public let name: String

    private init(name: String) { self.name = name }

    /// The holder of one of the bank's accounts: `401234-12345678`.
    public static func customer(_ account: AccountID) -> KeyOwner {
        KeyOwner(name: "\(account.sortCode.digits)-\(account.accountNumber.digits)")
    }

    /// Personal data on a payment that names no well-formed account (it is returned unread).
    public static let bank = KeyOwner(name: "bank")
    /// The saved bank-wide views (`read-models/`), whose key is replaced when a customer is forgotten.
    public static let readModels = KeyOwner(name: "read-models")

    /// The owner a key file or row names; nil for anything else.
    public init?(stored name: String) {
        guard !name.isEmpty, name.count <= 32, name.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7a) || $0 == 0x2d })
        else { return nil }
        self.name = name
    }

    public var description: String { name }
}

/// A 256-bit AES key and its id. The id names the owner and a random part, so a key made
/// after an owner's previous key was deleted never opens what the deleted one sealed.
public struct CustomerKey: Sendable, Hashable {
    /// `OWNER.RANDOM` (24 hex digits of randomness).
    public let id: String
    public let owner: KeyOwner
    let bytes: [UInt8]

    init(id: String, owner: KeyOwner, bytes: [UInt8]) {
        self.id = id
        self.owner = owner
        self.bytes = bytes
    }

    /// A key as a key store keeps it; nil when `id` does not name `owner` or `material` is not 32 bytes.
    public init?(id: String, owner: KeyOwner, material: Data) {
        guard Self.owner(ofKeyID: Substring(id)) == owner, material.count == AESGCM.keySize else { return nil }
        self.init(id: id, owner: owner, bytes: [UInt8](material))
    }

    /// The key's 32 bytes, for a key store to keep.
    public var material: Data { Data(bytes) }

    /// A key whose id is `OWNER.` and the 24 hex digits of `idRandom` (12 bytes).
    init(owner: KeyOwner, idRandom: [UInt8], bytes: [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var id = Array(owner.name.utf8)
        id.reserveCapacity(id.count + 1 + 2 * idRandom.count)
        id.append(UInt8(ascii: "."))
        for byte in idRandom {
            id.append(digits[Int(byte >> 4)])
            id.append(digits[Int(byte & 0xF)])
        }
        self.init(id: String(decoding: id, as: UTF8.self), owner: owner, bytes: bytes)
    }

    /// The 12 random bytes of the id (its 24 hex digits after the `.`); nil for an id of another shape.
    var idRandom: [UInt8]? {
        guard let dot = id.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let hex = Array(id.utf8[id.utf8.index(after: dot)...])
        guard hex.count == 24 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for pair in stride(from: 0, to: 24, by: 2) {
            guard let high = Self.hexValue(hex[pair]), let low = Self.hexValue(hex[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// A new random key for `owner` (libcrypto's `RAND_bytes`).
    public static func generate(for owner: KeyOwner) throws(PersonalDataError) -> CustomerKey {
        do {
            let random = try AESGCM.randomBytes(12)
            let bytes = try AESGCM.randomBytes(AESGCM.keySize)
            return CustomerKey(owner: owner, idRandom: random, bytes: bytes)
        } catch {
            throw .randomness
        }
    }

    /// The owner a key id names (the part before its `.`).
    static func owner(ofKeyID id: Substring) -> KeyOwner? {
        guard let dot = id.firstIndex(of: ".") else { return nil }
        return KeyOwner(stored: String(id[..<dot]))
    }
}

/// Why personal data could not be sealed, or a key could not be kept or deleted.
public enum PersonalDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The OS random source failed: no key or nonce could be made.
    case randomness
    /// libcrypto failed to encrypt.
    case sealing(String)
    /// The key store could not be read or written.
    case keyStore(String)
    /// A key vault's header or slot does not hold what it should (a torn write, a changed
    /// block): the byte offset in the file. No key is read from it.
    case damagedKeyVault(file: String, offset: Int)

    public var description: String {
        switch self {
        case .randomness: "the random source failed: no key or nonce could be made"
        case .sealing(let context): "personal data could not be encrypted (\(context))"
        case .keyStore(let reason): "the key store failed: \(reason)"
        case .damagedKeyVault(let file, let offset):
            "the key vault \(file) is damaged at byte \(offset) (checksum mismatch): restore keys/ from a backup"
        }
    }
}
