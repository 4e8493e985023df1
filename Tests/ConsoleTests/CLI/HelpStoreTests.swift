import Foundation
import Testing
@testable import Console

/// Every help ends by saying which store a command run from here would open, and what named it.
@Suite struct HelpStoreTests {
    @Test func helpNamesTheDefaultDirectory() async {
        let run = await CLIHarness().run("--help")
        #expect(run.status == 0)
        #expect(run.lines.last == "store: /work-under-test/bank-data (data directory, from the default)")
    }

    @Test func helpNamesTheStoreOptionOverTheVariableAndHidesAPassword() async {
        var cli = CLIHarness()
        cli.variables["BANK_STORE"] = "postgresql://bank:secret@/bank?host=/run/pg"
        #expect(await cli.run("read --help").lines.last == "store: postgresql://bank:***@/bank?host=/run/pg (PostgreSQL database, from $BANK_STORE)")
        #expect(await cli.run("help balance --store /srv/bank").lines.last == "store: /srv/bank (data directory, from --store)")
    }

    @Test func helpSaysWhyALocationNamesNoStoreAndStillSucceeds() async {
        let run = await CLIHarness().run("--help --store mysql://db/bank")
        #expect(run.status == 0)
        #expect(run.lines.last == "store: none (from --store): --store takes a directory or a postgresql:// URI, not a mysql:// location")
    }
}
