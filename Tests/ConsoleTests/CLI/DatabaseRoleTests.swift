import Core
import Foundation
import Testing
@testable import Console

/// On PostgreSQL the operator is the database role the connection logs in as.
@Suite struct DatabaseRoleTests {
    @Test func theRoleIsTheURIsUserElsePGUSERElseTheLogin() throws {
        let withUser = try #require(URL(string: "postgresql://alice@db.example/bank"))
        let withoutUser = try #require(URL(string: "postgresql:///bank?host=/run/pg&port=5433"))
        #expect(StoreLocation.databaseRole(withUser, environment: ["PGUSER": "bob"]) == "alice")
        #expect(StoreLocation.databaseRole(withoutUser, environment: ["PGUSER": "bob"]) == "bob")
        #expect(StoreLocation.databaseRole(withoutUser, environment: [:]) == OperatorIdentity.current(environment: [:]).osUser)
        #expect(StoreLocation.databaseRole(URL(fileURLWithPath: "/tmp/bank"), environment: ["PGUSER": "bob"]) == nil)
    }

    @Test func byCannotClaimAnotherNameOnPostgreSQL() async {
        var cli = CLIHarness()
        cli.variables["BANK_OPERATOR"] = "mallory"
        // Refused before any connection is made: the server need not exist.
        let run = await cli.run(["block", "401234", "10000329", "--by", "mallory", "--store", "postgresql://alice@127.0.0.1:1/bank"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("bank-console block: on PostgreSQL the operator is the database role alice; --by cannot make it mallory"))
    }
}
