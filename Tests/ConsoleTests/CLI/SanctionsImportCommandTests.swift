import Foundation
import Store
import Testing
@testable import Console

@Suite struct SanctionsImportCommandTests {
    var cli = CLIHarness()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanctions-import-\(UUID().uuidString)")

    init() throws {
        cli.seedsNewStores = true
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ lines: [String]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8 + [0x1A]).write(to: url)
        return url.path
    }

    @Test func importingReportsMalformedLinesByNumberAndImportsTheRestAsADiff() async throws {
        let sdn = try write("sdn.csv", [
            #"36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
            #"37,"SHORT LINE",-0- ,"CUBA""#,
            #"35096,"PUTIN, Vladimir Vladimirovich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
        ])
        let alt = try write("alt.csv", [#"35096,55207,"aka","PUTIN, Vladimir",-0- "#, #"1,2,"aka","LATER",-0- "#])
        let run = await cli.run(["sanctions", "import", sdn, "--aliases", alt])
        #expect(run.status == 1)
        #expect(run.errors == "bank-console sanctions: sdn.csv:2: expected 12 fields, found 4\n")
        #expect(run.lines == [
            "imported 2 entries and 1 aliases: 2 added, 0 changed, 0 removed, 0 unchanged",
            "1 aliases skipped: their entry is not in sdn.csv",
            "1 malformed line skipped",
        ])
        let list = await cli.run("sanctions --json")
        #expect(list.output.contains(#"{"entryId":"OFAC-35096","name":"PUTIN, Vladimir Vladimirovich","aliases":["PUTIN, Vladimir"]}"#))
        // A newer file without entry 36: removed, recorded as such.
        let newer = try write("sdn2.csv", [#"35096,"PUTIN, Vladimir Vladimirovich","individual","RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#])
        let again = await cli.run(["sanctions", "import", newer, "--aliases", alt, "--json"])
        #expect(again.status == 0)
        #expect(again.output == #"{"entries":1,"aliases":1,"added":0,"changed":0,"removed":1,"unchanged":1,"aliasesWithoutEntry":1,"skippedLines":[]}"# + "\n")
    }

    @Test func aMissingFileOrUnknownFormatWritesNothing() async throws {
        let missing = await cli.run(["sanctions", "import", directory.appendingPathComponent("nope.csv").path])
        #expect(missing.status == 1)
        #expect(missing.errors.hasPrefix("bank-console sanctions: cannot read "))
        let format = await cli.run(["sanctions", "import", "x.csv", "--format", "un-consolidated"])
        #expect(format.status == 2)
        #expect(format.errors.split(separator: "\n").count == 1)
    }
}
