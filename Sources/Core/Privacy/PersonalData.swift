import Foundation
import Synchronization

/// Seals and opens personal data with the keys of one key store: a name becomes
/// `pii:v1:KEYID:BASE64` (AES-256-GCM, a fresh nonce per field, the field's context
/// authenticated with it), and back.
///
/// What opening gives when it cannot: `forgotten` when the key is gone (the customer was
/// forgotten), `unreadable` when the key is there but the text does not open with it (damaged,
/// or moved to another field). Text without the prefix is returned as it is, so events written
/// before encryption, or by a bank without a key store, still read.
///
/// Keys are cached, at most `cacheCapacity` of them; a deletion through this object drops its
/// key from the cache at once. Another process that deleted a key (PostgreSQL) is seen once this
/// process's cache lets go of it (see the README's "Forgetting a customer"). Thread-safe.
public final class PersonalData: Sendable {
    /// What a forgotten customer's personal data reads as.
    public static let forgotten = "[forgotten]"
    /// What personal data reads as when its key is there but it does not open with it.
    public static let unreadable = "[unreadable]"
    /// The prefix of a sealed field.
    public static let prefix = "pii:v1:"

    public let keys: any CustomerKeyStore
    private let cacheCapacity: Int
    private let cache: Mutex<KeyCache>

    private struct KeyCache {
        /// Each owner's current key, for sealing.
        var current: [KeyOwner: SealingKey] = [:]
        /// Keys by id, for opening; nil records that this store has no such key.
        var byID: [String: CustomerKey?] = [:]
    }

    /// A key kept for sealing with the bytes every text it seals starts with, `pii:v1:KEYID:`,
    /// which are also the start of each field's additional authenticated data.
    struct SealingKey {
        let key: CustomerKey
        let header: [UInt8]

        init(_ key: CustomerKey) {
            self.key = key
            header = Array((PersonalData.prefix + key.id + ":").utf8)
        }
    }

    public init(keys: any CustomerKeyStore, cacheCapacity: Int = 4096) {
        self.keys = keys
        self.cacheCapacity = max(1, cacheCapacity)
        cache = Mutex(KeyCache())
    }

    // MARK: - Sealing

    /// `text` sealed with `owner`'s key (made when it has none). Empty text and the
    /// `forgotten` marker stay as they are: there is nothing personal in them.
    ///
    /// `pii:v1:KEYID:BASE64` is written into the returned string in place: the box is sealed
    /// into a temporary buffer and encoded straight into the string's storage.
    public func seal(_ text: String, owner: KeyOwner, context: String) throws(PersonalDataError) -> String {
        var key: SealingKey?
        return try seal(text, owner: owner, context: context, key: &key)
    }

    /// `seal(_:owner:context:)` for one of several texts of `owner` (an event's fields): its key
    /// is looked up for the first text that needs it and kept in `key` for the rest.
    func seal(_ text: String, owner: KeyOwner, context: String, key: inout SealingKey?) throws(PersonalDataError) -> String {
        if text.isEmpty || text == Self.forgotten || text.utf8.starts(with: Self.prefix.utf8) { return text }
        let sealing: SealingKey
        if let key {
            sealing = key
        } else {
            sealing = try currentKey(of: owner)
            key = sealing
        }
        var plain = text, place = context
        let sealed = plain.withUTF8 { plain in
            place.withUTF8 { place in Self.sealedText(plain, with: sealing, context: place) }
        }
        guard let sealed else { throw .sealing(context) }
        return sealed
    }

    /// `pii:v1:KEYID:` and the base64 of the box sealing `plain`; nil when libcrypto fails.
    private static func sealedText(_ plain: UnsafeBufferPointer<UInt8>, with sealing: SealingKey,
                                   context: UnsafeBufferPointer<UInt8>) -> String? {
        let boxCount = AESGCM.nonceSize + plain.count + AESGCM.tagSize
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: boxCount) { box -> String? in
            let sealed = sealing.header.withUnsafeBufferPointer { header -> Bool in
                do throws(AESGCM.Failure) {
                    try AESGCM.seal(plain, key: sealing.key.bytes, aad: header, context, into: box)
                    return true
                } catch {
                    return false
                }
            }
            guard sealed else { return nil }
            let header = sealing.header
            return String(unsafeUninitializedCapacity: header.count + Base64.encodedCount(boxCount)) { out in
                _ = out.initialize(from: header)
                Base64.encode(UnsafeBufferPointer(box), into: UnsafeMutableBufferPointer(rebasing: out[header.count...]))
                return header.count + Base64.encodedCount(boxCount)
            }
        }
    }

    /// Seals a whole file's bytes with `owner`'s key (`PIIF1 KEYID\n` then the box).
    public func seal(file bytes: Data, owner: KeyOwner, context: String) throws(PersonalDataError) -> Data {
        let key = try currentKey(of: owner).key
        do {
            var out = Data("\(Self.filePrefix) \(key.id)\n".utf8)
            out.append(contentsOf: try AESGCM.seal([UInt8](bytes), key: key.bytes, aad: Self.aad(keyID: key.id, context: context)))
            return out
        } catch {
            throw .sealing(context)
        }
    }

    /// Makes sure `owners` have keys, made together where missing (a batch of new accounts),
    /// and keeps them for the seals that follow.
    public func prepareKeys(for owners: Set<KeyOwner>) throws(PersonalDataError) {
        let missing = cache.withLock { cache in owners.filter { cache.current[$0] == nil } }
        guard missing.count > 1 else { return }
        let keys = try self.keys.currentKeys(for: missing)
        cache.withLock { cache in
            if cache.current.count + keys.count > cacheCapacity { cache.current.removeAll(keepingCapacity: true) }
            for (owner, key) in keys { cache.current[owner] = SealingKey(key) }
        }
    }

    private func currentKey(of owner: KeyOwner) throws(PersonalDataError) -> SealingKey {
        if let key = cache.withLock({ $0.current[owner] }) { return key }
        guard let key = try keys.currentKey(for: owner, creating: true) else { throw .keyStore("no key made for \(owner)") }
        let sealing = SealingKey(key)
        cache.withLock { cache in
            if cache.current.count >= cacheCapacity { cache.current.removeAll(keepingCapacity: true) }
            cache.current[owner] = sealing
        }
        return sealing
    }

    // MARK: - Opening

    /// What opening a sealed text found.
    public enum Opened: Equatable, Sendable {
        case text(String)
        /// This store has no key with that id.
        case noKey
        /// The key is there; the text does not open with it.
        case unreadable
    }

    /// Opens `sealed` (which must carry the prefix) with this store's keys.
    public func open(sealed: Substring, context: String) -> Opened {
        guard let (keyID, box) = Self.parse(sealed) else { return .unreadable }
        guard let key = key(id: keyID) else { return .noKey }
        do {
            return .text(String(decoding: try AESGCM.open(box, key: key.bytes, aad: Self.aad(keyID: keyID, context: context)), as: UTF8.self))
        } catch {
            return .unreadable
        }
    }

    /// Opens a file `seal(file:)` made; nil when the bytes are not a sealed file, `.noKey` when its key is gone.
    public func open(file bytes: Data, context: String) -> (Opened, Data?)? {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let header = String(decoding: bytes[bytes.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard header.count == 2, header[0] == Self.filePrefix else { return nil }
        let keyID = String(header[1])
        guard let key = key(id: keyID) else { return (.noKey, nil) }
        do {
            return (.text(""), Data(try AESGCM.open([UInt8](bytes[(newline + 1)...]), key: key.bytes, aad: Self.aad(keyID: keyID, context: context))))
        } catch {
            return (.unreadable, nil)
        }
    }

    /// Whether `bytes` start like a file `seal(file:)` made.
    public static func isSealedFile(_ bytes: Data) -> Bool {
        bytes.starts(with: Data((filePrefix + " ").utf8))
    }

    static let filePrefix = "PIIF1"

    private func key(id: String) -> CustomerKey? {
        if let known = cache.withLock({ $0.byID[id] }) { return known }
        var found: CustomerKey?
        var answered = true
        if let owner = CustomerKey.owner(ofKeyID: Substring(id)) {
            switch Result(catching: { () throws(PersonalDataError) in try keys.currentKey(for: owner, creating: false) }) {
            case .success(let key): found = key?.id == id ? key : nil
            // A store that cannot answer now is asked again next time, not remembered as keyless.
            case .failure: answered = false
            }
        }
        if answered {
            cache.withLock { cache in
                if cache.byID.count >= cacheCapacity { cache.byID.removeAll(keepingCapacity: true) }
                cache.byID[id] = .some(found)
            }
        }
        return found
    }

    // MARK: - Forgetting

    /// Deletes `owner`'s key (durably) and drops it from this object's caches. False when it had none.
    @discardableResult
    public func forget(_ owner: KeyOwner) throws(PersonalDataError) -> Bool {
        let deleted = try keys.deleteKey(of: owner)
        cache.withLock { cache in
            cache.current[owner] = nil
            for (id, key) in cache.byID where key?.owner == owner || CustomerKey.owner(ofKeyID: Substring(id)) == owner {
                cache.byID[id] = nil
            }
        }
        return deleted
    }

    // MARK: - Format

    /// The additional authenticated data of a field: its key id and where it sits.
    private static func aad(keyID: String, context: String) -> [UInt8] {
        // The bytes of `prefix + keyID + ":" + context`, without building that string first.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefix.utf8.count + keyID.utf8.count + 1 + context.utf8.count)
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(contentsOf: keyID.utf8)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: context.utf8)
        return bytes
    }

    /// The key id and box of `pii:v1:KEYID:BASE64`.
    static func parse(_ sealed: Substring) -> (String, [UInt8])? {
        guard sealed.hasPrefix(prefix) else { return nil }
        let rest = sealed.dropFirst(prefix.count)
        guard let colon = rest.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let encoded = rest.utf8[rest.utf8.index(after: colon)...]
        let box = encoded.withContiguousStorageIfAvailable(Base64.decode) ?? Array(encoded).withUnsafeBufferPointer(Base64.decode)
        guard let box else { return nil }
        return (String(rest[..<colon]), box)
    }
}
