import Foundation
import Store
import Synchronization
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

    /// Processes started at once on a new database each open the key table: it comes with the
    /// schema's migrations (under their lock), not from a `CREATE … IF NOT EXISTS` of its own,
    /// which two sessions running together can both try, the second failing on the catalog.
    @Test func openingAtOnceOnANewDatabaseEachSucceeds() throws {
        let uri = try #require(postgresURI)
        for _ in 0..<4 {
            let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            defer { try? PostgresEventStore.dropSchema(schema, uri: uri) }
            let failures = Mutex<[String]>([])
            let opened = DispatchGroup()
            for _ in 0..<8 {
                opened.enter()
                Thread.detachNewThread {
                    defer { opened.leave() }
                    do {
                        let table = try PostgresKeyTable.open(uri: uri, schema: schema)
                        table.close()
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
            opened.wait()
            #expect(failures.withLock { $0 } == [])
            let table = try PostgresKeyTable.open(uri: uri, schema: schema)
            defer { table.close() }
            #expect(try table.insert(owner: "o", id: "o.1", bytes: Data([1])).id == "o.1")
        }
    }
}
