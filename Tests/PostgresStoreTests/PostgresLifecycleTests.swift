import Foundation
import Store
import Testing
@testable import PostgresStore

/// Opening, migrating and losing the server.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct PostgresLifecycleTests {
    @Test func twoProcessesOpeningANewSchemaAtOnceMigrateItOnce() async throws {
        let uri = try #require(postgresURI)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let opened = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        let store = try PostgresEventStore.open(uri: uri, options: PostgresStoreOptions(schema: schema, readConnections: 1, access: .sharedWriter))
                        await store.close()
                        return true
                    } catch {
                        return false
                    }
                }
            }
            var count = 0
            for await ok in group where ok { count += 1 }
            return count
        }
        #expect(opened == 4)
        let connection = try PostgresConnection.connect(uri)
        let rows = try connection.execute("SELECT count(*) FROM \(schema).migrations")
        #expect(rows.int64(0, 0) == Int64(PostgresSchema(schema)?.migrations.count ?? -1))
        try PostgresEventStore.dropSchema(schema, uri: uri)
    }

    @Test func anUnreachableServerIsOneClearLine() throws {
        do {
            _ = try PostgresEventStore.open(uri: "postgresql://postgres@/bank?host=/nonexistent-socket-dir&port=1")
            Issue.record("opened a store on a server that does not exist")
        } catch {
            guard case .unavailable(let reason) = error else { Issue.record("unexpected \(error)"); return }
            #expect(reason.contains("/nonexistent-socket-dir"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func appendsAndReadsCarryOnAfterTheServerDropsEveryConnection() async throws {
        let name = "bank_kill_" + String(UUID().uuidString.prefix(8)).lowercased()
        let fixture = try PostgresFixture(applicationName: name)
        let store = fixture.store
        _ = try await store.append(to: "Account-1", expected: .noStream, events: [event(1)])
        #expect(try store.read("Account-1").count == 1)
        let killer = try fixture.connect()
        let killed = try killer.execute("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()
            """, [.text(name)])
        #expect((killed.int64(0, 0) ?? 0) >= 2)
        let again = try await store.append(to: "Account-1", expected: .exact(0), events: [event(2)])
        #expect(again.lastVersion == 1)
        #expect(try store.read("Account-1").map(\.id) == [id(1), id(2)])
        #expect(store.writerFailure == nil)
        try await fixture.finish()
    }

    @Test func aSchemaNameThatIsNotAPlainIdentifierIsRefused() throws {
        let uri = try #require(postgresURI)
        #expect(throws: EventStoreError.self) {
            try PostgresEventStore.open(uri: uri, options: PostgresStoreOptions(schema: "bank; DROP TABLE x"))
        }
    }
}
