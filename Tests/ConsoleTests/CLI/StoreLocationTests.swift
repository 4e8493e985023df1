import Foundation
import Testing
@testable import Console

/// `--store` takes a directory or a PostgreSQL URI; any other URI is a usage error.
@Suite struct StoreLocationTests {
    let workingDirectory = URL(fileURLWithPath: "/work-under-test")

    @Test func aRelativePathIsADirectoryUnderTheWorkingDirectory() throws {
        let location = try StoreLocation.resolve("data/bank", workingDirectory: workingDirectory)
        #expect(location == URL(fileURLWithPath: "/work-under-test/data/bank"))
        #expect(!StoreLocation.isPostgres(location))
    }

    @Test func postgresqlAndPostgresURIsSelectPostgreSQLAsGiven() throws {
        for text in ["postgresql://user@host/db", "postgresql://postgres@/bank?host=/run/pg&port=5433", "postgres://u@h:5432/b"] {
            let location = try StoreLocation.resolve(text, workingDirectory: workingDirectory)
            #expect(StoreLocation.isPostgres(location))
            #expect(location.absoluteString == text)
        }
    }

    @Test func theTopBarNamesAPostgreSQLDatabaseAndNotADirectory() throws {
        #expect(StoreLocation.label(try StoreLocation.resolve("postgresql://postgres@/bank?host=/run/pg", workingDirectory: workingDirectory)) == "pg bank")
        #expect(StoreLocation.label(try StoreLocation.resolve("postgresql://localhost", workingDirectory: workingDirectory)) == "pg")
        #expect(StoreLocation.label(try StoreLocation.resolve("bank-data", workingDirectory: workingDirectory)) == nil)
    }

    @Test func aPasswordIsHiddenWhenTheLocationIsShown() throws {
        let location = try StoreLocation.resolve("postgresql://teller:s3cret@db.example/bank", workingDirectory: workingDirectory)
        #expect(StoreLocation.describe(location) == "postgresql://teller:***@db.example/bank")
    }

    @Test func anyOtherSchemeIsAUsageErrorExitingTwoWithOneLine() async {
        #expect(throws: CommandFailure.usage("--store takes a directory or a postgresql:// URI, not a mysql:// location")) {
            try StoreLocation.resolve("mysql://root@localhost/bank", workingDirectory: workingDirectory)
        }
        let run = await CLIHarness().run(["streams", "--store", "http://example.com/bank"])
        #expect(run.status == 2)
        #expect(run.errors == "bank-console streams: --store takes a directory or a postgresql:// URI, not a http:// location\n")
        #expect(run.output.isEmpty)
    }
}
