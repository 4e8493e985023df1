import Foundation
import Store
import Testing
@testable import Console

/// `projections create NAME --file F` and `projections delete NAME`.
@Suite struct DefinedProjectionCommandTests {
    var cli = CLIHarness()

    /// A seeded bank: whoever seeds it (the login name here) is its first supervisor, the role
    /// that creates and deletes projections.
    init() {
        cli.seedsNewStores = true
        cli.projections = { [HandlerProjection(name: "built-in", source: .category("Orders"), initialState: 0).when("LineAdded") { count, _ in count += 1 }] }
    }

    /// A program written to a fresh file of the temporary directory.
    func file(_ text: String, _ name: String = "orders.proj") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("proj-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func aProgramWithAnErrorIsRefusedWithFileLineAndColumnAndNothingIsWritten() async throws {
        let path = try file("fromCategory(\"Orders\")\nwhen LineAdded\nwhere data.qty => 2 { count() as n }\n")
        let run = await cli.run(["projections", "create", "big-lines", "--file", path])
        #expect(run.status == 1)
        #expect(run.errors == "bank-console projections: \(path):3:16: '=' is not an operator: compare with '=='\n")
        #expect(run.output.isEmpty)
        #expect(cli.store().lastVersion(of: ProjectionDefinitions.stream) == nil)
    }

    @Test func aCreatedProjectionRunsItsStateShowsAndItCanBeDeleted() async throws {
        _ = await cli.run("seed")
        for qty in [1, 3, 5] {
            _ = await cli.run(["append", "Orders-\(qty)", "LineAdded", "--data", #"{"qty":\#(qty),"sku":"s\#(qty % 2)"}"#])
        }
        let path = try file("fromCategory(\"Orders\")\nwhen LineAdded where data.qty >= 2\ngroupBy data.sku { count() as lines  sum(data.qty) as qty }\n")
        let created = await cli.run(["projections", "create", "big-lines", "--file", path])
        #expect(created.status == 0, "\(created)")
        #expect(created.lines == ["created big-lines (source $ce-Orders): every console and command on this store runs it; 'projection big-lines' shows its state"])

        let again = await cli.run(["projections", "create", "big-lines", "--file", path])
        #expect(again.status == 1)
        #expect(again.errors == "bank-console projections: a projection named big-lines exists already\n")
        let clash = await cli.run(["projections", "create", "built-in", "--file", path])
        #expect(clash.errors == "bank-console projections: a projection named built-in exists already (written in Swift)\n")

        #expect(await cli.run("projections").lines == [
            "NAME       SOURCE      STATUS   POSITION  LAG  PARTITIONS  CHECKPOINT  FAULT",
            "big-lines  $ce-Orders  stopped         3    0           1           -",
            "built-in   $ce-Orders  stopped         3    0           1           -",
            "2 projections",
        ])
        #expect(await cli.run("projection big-lines").lines.suffix(7) == [
            "state:",
            "  {",
            "    \"s1\": {",
            "      \"lines\": 2,",
            "      \"qty\": 8",
            "    }",
            "  }",
        ])
        #expect(await cli.run("projection big-lines --json").output.hasSuffix(#""state":{"s1":{"lines":2,"qty":8}}}"# + "\n"))

        let deleted = await cli.run("projections delete big-lines")
        #expect(deleted.lines == ["deleted big-lines"])
        #expect(await cli.run("projections").lines.last == "1 projection")
        #expect(await cli.run("projections delete big-lines").errors == "bank-console projections: no projection named big-lines was created with 'projections create'\n")
        #expect(await cli.run("projections delete built-in").errors == "bank-console projections: built-in is written in Swift and cannot be deleted\n")
    }

    @Test func aBundledExampleIsFoundByItsFileName() async {
        _ = await cli.run("seed")
        let run = await cli.run("projections create held --file held-over-10000.proj")
        #expect(run.status == 0, "\(run)")
        #expect(cli.store().lastVersion(of: ProjectionDefinitions.stream) == 0)
        #expect(await cli.run("projection held --json").output.contains(#""source":"$ce-Payments","status":"stopped""#))
    }

    @Test func anOperatorWhoIsNotASupervisorIsRefused() async throws {
        _ = await cli.run("seed")
        _ = await cli.run("operators add viv --role viewer")
        let path = try file("fromAll() when LineAdded { count() as n }")
        let run = await cli.run(["projections", "create", "lines", "--file", path, "--by", "viv"])
        #expect(run.status == 1)
        #expect(run.errors == "bank-console projections: viv is a viewer: creating and deleting projections needs a supervisor\n")
        #expect(cli.store().lastVersion(of: ProjectionDefinitions.stream) == nil)
    }

    @Test func wrongActionsAndMissingArgumentsAreUsageErrors() async {
        #expect(await cli.run("projections create x").errors == "bank-console projections: create needs --file F (see 'bank-console projections --help')\n")
        #expect(await cli.run("projections create").status == 2)
        #expect(await cli.run("projections rename x").errors == "bank-console projections: unknown action 'rename': list, create or delete (see 'bank-console projections --help')\n")
        #expect(await cli.run("projections list --file x").status == 2)
    }
}
