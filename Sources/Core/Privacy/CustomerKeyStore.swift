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
}
