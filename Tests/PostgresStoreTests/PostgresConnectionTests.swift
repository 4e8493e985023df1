import Foundation
import Store
import Testing
@testable import PostgresStore
import CLibpq

/// Prepared statements and pipelines on one libpq connection.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct PostgresConnectionTests {
    static func connect() throws -> PostgresConnection {
        guard let uri = postgresURI else { throw EventStoreError.unavailable("BANK_TEST_POSTGRES is not set") }
        return try PostgresConnection.connect(uri)
    }

    @Test func oneTextWithParametersOfOtherTypesIsPreparedForEach() throws {
        let connection = try Self.connect()
        let sql = "SELECT $1 IS NULL"
        #expect(try connection.execute(sql, [.null(oid: 25)]).bool(0, 0) == true)
        #expect(try connection.execute(sql, [.int64(7)]).bool(0, 0) == false)
        #expect(try connection.execute(sql, [.text("x")]).bool(0, 0) == false)
        #expect(try connection.execute("SELECT $1::int8 + 1", [.int64(41)]).int64(0, 0) == 42)
        #expect(try connection.execute("SELECT $1::int8 + 1", [.int64(1)]).int64(0, 0) == 2)
    }

    @Test func aStatementPreparedInATransactionThatRolledBackStillRuns() throws {
        let connection = try Self.connect()
        try connection.execute("BEGIN")
        #expect(try connection.execute("SELECT $1::text || 'b'", [.text("a")]).text(0, 0) == "ab")
        try connection.execute("ROLLBACK")
        #expect(try connection.execute("SELECT $1::text || 'b'", [.text("c")]).text(0, 0) == "cb")
    }

    @Test func aPipelineReturnsEachStatementsRowsInOrder() throws {
        let connection = try Self.connect()
        let rows = try connection.pipeline([
            .init(sql: "BEGIN"),
            .init(sql: "SELECT $1::int8 * 2", parameters: [.int64(21)]),
            .init(sql: "SELECT $1::text", parameters: [.text("two")]),
            .init(sql: "COMMIT"),
        ])
        #expect(rows.count == 4)
        #expect(rows[1].int64(0, 0) == 42)
        #expect(rows[2].text(0, 0) == "two")
    }

    @Test func aFailingStatementStopsThePipelineAndTheConnectionCarriesOn() throws {
        let connection = try Self.connect()
        let failure = #expect(throws: PostgresError.self) {
            try connection.pipeline([
                .init(sql: "BEGIN"),
                .init(sql: "SELECT 1 / $1::int8", parameters: [.int64(0)]),
                .init(sql: "SELECT 5"),
            ])
        }
        #expect(failure?.sqlState == "22012")
        // The transaction the pipeline began is aborted, as after a failing `execute`.
        let aborted = #expect(throws: PostgresError.self) {
            try connection.pipeline([.init(sql: "SELECT 1 / $1::int8", parameters: [.int64(1)])])
        }
        #expect(aborted?.sqlState == "25P02")
        #expect(!connection.isBroken)
        try connection.execute("ROLLBACK")
        #expect(try connection.pipeline([.init(sql: "SELECT 1 / $1::int8", parameters: [.int64(1)])]).first?.int64(0, 0) == 1)
    }
}

/// libpq's message for a server out of reach ends with a hint on lines of its own: the error
/// keeps it, and its cause (what a status bar shows) is the first line alone. No server needed.
@Suite struct PostgresErrorCauseTests {
    @Test func aServerOutOfReachGivesItsCauseWithoutLibpqsHint() throws {
        let directory = "/nonexistent-\(UUID().uuidString.prefix(8))"
        do {
            _ = try PostgresConnection.connect("postgresql://postgres@/bank?host=\(directory)&port=5999")
            Issue.record("connected to a socket that does not exist")
        } catch {
            let cause = try #require(error.cause)
            #expect(cause.hasPrefix("connection to server on socket \"\(directory)/.s.PGSQL.5999\" failed"))
            #expect(!cause.contains("Is the server running"))
            #expect(error.message.hasPrefix(cause) && error.message.count > cause.count)
            #expect(error.summary == cause)
            #expect(error.connectionLost)
        }
    }
}

/// A connection waits for an unanswering server 10 s at most unless the location says otherwise.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"))
struct ConnectTimeoutTests {
    /// The `connect_timeout` a connection was made with, as libpq reports it.
    static func timeout(of connection: PostgresConnection) -> String? {
        guard let options = PQconninfo(connection.handle) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "connect_timeout" { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }

    @Test func aLocationWithoutATimeoutGetsTenSecondsAndItsOwnOtherwise() throws {
        let uri = try #require(postgresURI)
        #expect(Self.timeout(of: try PostgresConnection.connect(uri)) == "10")
        let own = uri + (uri.contains("?") ? "&" : "?") + "connect_timeout=3"
        #expect(Self.timeout(of: try PostgresConnection.connect(own)) == "3")
    }
}
