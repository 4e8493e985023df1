import Core
import Foundation
import PostgresStore
import Store

/// The personal-data keys of a bank on PostgreSQL: rows of `bank.customer_keys`
/// (`PostgresKeyTable`), beside the events but outside the log. A new key is committed before
/// anything is sealed with it; forgetting is a committed `DELETE`.
struct PostgresCustomerKeyStore: CustomerKeyStore {
    let table: PostgresKeyTable

    func currentKey(for owner: KeyOwner, creating: Bool) throws(PersonalDataError) -> CustomerKey? {
        do {
            if let stored = try table.key(of: owner.name) { return try Self.key(stored, owner) }
            guard creating else { return nil }
            let fresh = try CustomerKey.generate(for: owner)
            return try Self.key(try table.insert(owner: owner.name, id: fresh.id, bytes: fresh.material), owner)
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .keyStore(String(describing: error))
        }
    }

    func deleteKey(of owner: KeyOwner) throws(PersonalDataError) -> Bool {
        do {
            return try table.delete(owner: owner.name)
        } catch {
            throw .keyStore(error.description)
        }
    }

    private static func key(_ stored: (id: String, bytes: Data), _ owner: KeyOwner) throws(PersonalDataError) -> CustomerKey {
        guard let key = CustomerKey(id: stored.id, owner: owner, material: stored.bytes) else {
            throw .keyStore("the key row of \(owner) is not a key")
        }
        return key
    }
}
