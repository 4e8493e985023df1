/// Where the keys that seal personal data live: outside the append-only log, somewhere a key
/// can really be deleted (files in the data directory's `keys/`, a PostgreSQL table).
///
/// An owner has at most one current key. Deleting it makes everything sealed with it
/// unreadable for good; a later `currentKey(for:creating:)` makes a new key with a new id.
/// Implementations are thread-safe. A key is durable before `currentKey(for:creating: true)`
/// returns it, so no event sealed with it can outlive it by a crash.
public protocol CustomerKeyStore: Sendable {
    /// The owner's current key; when it has none, a new one if `creating`, else nil.
    func currentKey(for owner: KeyOwner, creating: Bool) throws(PersonalDataError) -> CustomerKey?
    /// Deletes the owner's key, durably. False when it had none.
    func deleteKey(of owner: KeyOwner) throws(PersonalDataError) -> Bool
    /// The current keys of many owners, made where missing: a store may make them together
    /// (the file store syncs its directory once), for a batch such as seeding many accounts.
    func currentKeys(for owners: Set<KeyOwner>) throws(PersonalDataError) -> [KeyOwner: CustomerKey]
}

extension CustomerKeyStore {
    public func currentKeys(for owners: Set<KeyOwner>) throws(PersonalDataError) -> [KeyOwner: CustomerKey] {
        var keys: [KeyOwner: CustomerKey] = [:]
        for owner in owners {
            guard let key = try currentKey(for: owner, creating: true) else { throw .keyStore("no key made for \(owner)") }
            keys[owner] = key
        }
        return keys
    }
}
