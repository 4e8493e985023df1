import Foundation
import Store
import Testing
@testable import PostgresStore

/// The personal-data key table beside a store: one key per owner, kept until deleted.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set"))
struct PostgresKeyTableTests {
    @Test func aKeyIsStoredOnceReadBackAndDeletedForGood() throws {
        let uri = try #require(postgresURI)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        defer { try? PostgresEventStore.dropSchema(schema, uri: uri) }
        let table = try PostgresKeyTable.open(uri: uri, schema: schema)
        defer { table.close() }
        #expect(try table.key(of: "401234-10000329") == nil)
        let first = Data(repeating: 7, count: 32), second = Data(repeating: 9, count: 32)
        let stored = try table.insert(owner: "401234-10000329", id: "401234-10000329.aa", bytes: first)
        #expect(stored.id == "401234-10000329.aa" && stored.bytes == first)
        // A second writer racing to make a key gets the one already there.
        let raced = try table.insert(owner: "401234-10000329", id: "401234-10000329.bb", bytes: second)
        #expect(raced.id == "401234-10000329.aa" && raced.bytes == first)
        let reopened = try PostgresKeyTable.open(uri: uri, schema: schema)
        defer { reopened.close() }
        #expect(try reopened.key(of: "401234-10000329")?.id == "401234-10000329.aa")
        #expect(try table.delete(owner: "401234-10000329"))
        #expect(try table.key(of: "401234-10000329") == nil)
        #expect(try table.delete(owner: "401234-10000329") == false)
    }
}
