import Core
import Foundation
import Store
import Testing
@testable import Console

/// A failure a test projection throws on purpose.
struct RefusedEvent: Error, CustomStringConvertible {
    var description: String { "refused on purpose" }
}

@Suite struct ProjectionCommandTests {
    var cli = CLIHarness()

    init() {
        cli.projections = {
            [
                HandlerProjection(name: "order-lines", source: .category("Orders"), initialState: 0, partitioning: .byStream)
                    .when("LineAdded") { count, _ in count += 1 },
                HandlerProjection(name: "picky", source: .category("Orders"), initialState: 0)
                    .when("LineAdded") { count, _ in count += 1 }
                    .when("Bad") { _, _ in throw RefusedEvent() },
            ]
        }
    }

    @Test func projectionsShowStatusPositionAndFaults() async {
        for line in ["append Orders-1 LineAdded", "append Orders-1 LineAdded", "append Orders-2 LineAdded", "append Orders-2 Bad"] {
            _ = await cli.run(line)
        }
        #expect(await cli.run("projections").lines == [
            "NAME         SOURCE      STATUS   POSITION  LAG  PARTITIONS  CHECKPOINT  FAULT",
            "order-lines  $ce-Orders  stopped         4    0           2           -",
            "picky        $ce-Orders  faulted         0    4           0           -  refused on purpose at Orders-2@1 (position 3)",
            "2 projections",
        ])
    }

    @Test func aFaultIsStoredSoAReaderBesideTheWriterShowsItToo() async {
        for line in ["append Orders-1 LineAdded", "append Orders-2 Bad"] {
            _ = await cli.run(line)
        }
        _ = await cli.run("projections") // writable: runs them, and picky faults
        cli.stores.locked.withLock { $0 = true } // now another process (the console) writes the store
        let run = await cli.run("projections")
        #expect(run.lines[2] == "picky        $ce-Orders  faulted         0    2           0           0  refused on purpose at Orders-2@0 (position 1)")
        #expect(run.lines.last == "2 projections (as of their last checkpoints: another process writes the store)")
        let json = await cli.run("projection picky --json")
        #expect(json.output.contains(#""status":"faulted","#))
        #expect(json.output.contains(#""fault":{"message":"refused on purpose","stream":"Orders-2","version":0,"position":1}"#))
    }

    @Test func aSecondRunResumesFromTheCheckpointTheFirstWrote() async {
        _ = await cli.run("append Orders-1 LineAdded")
        _ = await cli.run("projections")
        _ = await cli.run("append Orders-1 LineAdded")
        #expect(await cli.run("projection order-lines --json").output.hasPrefix(
            #"{"name":"order-lines","source":"$ce-Orders","status":"stopped","position":2,"lag":0,"checkpoint":1,"#))
    }

    @Test func theBanksAccountsByStatusProjectionRunsFromTheBeginningOfTime() async {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        cli.projections = { [AccountsByStatusProjection(), FraudAnalysisProjection()] }
        _ = await cli.run("seed")
        _ = await cli.run("block 401234 10000329 --reason test")
        let run = await cli.run("projection accounts-by-status --json")
        #expect(run.status == 0)
        #expect(run.output.hasPrefix(#"{"name":"accounts-by-status","source":"$ce-Accounts","status":"stopped","#))
        #expect(run.output.contains(#"{"accountNumber":"10000329","sortCode":"401234"}"#))
        #expect(await cli.run("projections").lines.last == "2 projections")
    }

    @Test func projectionShowsEachPartitionsState() async {
        for line in ["append Orders-1 LineAdded", "append Orders-1 LineAdded", "append Orders-2 LineAdded"] {
            _ = await cli.run(line)
        }
        #expect(await cli.run("projection order-lines --json").output == """
            {"name":"order-lines","source":"$ce-Orders","status":"stopped","position":3,"lag":0,"checkpoint":null,"partitions":2,\
            "fault":null,"states":{"Orders-1":2,"Orders-2":1}}

            """)
        #expect(await cli.run("projection order-lines --partition Orders-2").lines.suffix(2) == ["partition Orders-2:", "1"])
        #expect(await cli.run("projection nothing").errors == "bank-console projection: no projection named nothing\n")
    }
}
