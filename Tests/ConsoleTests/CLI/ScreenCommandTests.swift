import Foundation
import Testing
@testable import Console

@Suite struct ScreenCommandTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    @Test func eachNameIsOneResultHitOrClearAndAHitExitsOne() async {
        let run = await cli.run(["screen", "Borys Wantablak", "John Smith"])
        #expect(run.status == 1)
        #expect(run.lines == [
            "hit   100  Borys Wantablak → SN-0001 Boris Vantablack as \"Borys Wantablak\"",
            "clear   0  John Smith",
        ])
        let clear = await cli.run(["screen", "John Smith", "--json"])
        #expect(clear.status == 0)
        #expect(clear.output == #"[{"name":"John Smith","hit":false,"score":0,"entryId":null,"listNumber":null,"entryName":null,"matched":null,"type":null,"programs":[]}]"# + "\n")
    }

    @Test func aFileIsOneNamePerLine() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString).txt")
        try Data("Boris Vantablack\n\n  Emma Wilson  \n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = await cli.run(["screen", "--file", url.path, "--json"])
        #expect(run.status == 1)
        #expect(run.output == #"[{"name":"Boris Vantablack","hit":true,"score":100,"entryId":"SN-0001","listNumber":null,"entryName":"Boris Vantablack","matched":"Boris Vantablack","type":null,"programs":[]},{"name":"Emma Wilson","hit":false,"score":0,"entryId":null,"listNumber":null,"entryName":null,"matched":null,"type":null,"programs":[]}]"# + "\n")
    }

    @Test func noNamesOrBothFormsAreUsageErrors() async {
        let none = await cli.run("screen")
        #expect(none.status == 2)
        #expect(none.errors.split(separator: "\n").count == 1)
        #expect(await cli.run(["screen", "A Name", "--file", "x.txt"]).status == 2)
        #expect(await cli.run(["screen", "--file", "/no/such/file.txt"]).status == 1)
    }
}

@Suite struct SeedRealSanctionsTests {
    @Test func seedingTheBundledOFACListMakesScreeningHoldOnRealEntries() async {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        let seeded = await cli.run("seed --sanctions ofac")
        #expect(seeded.status == 0)
        #expect(seeded.output == "seeded the OFAC SDN list: 14965 added, 0 changed, 0 removed, 0 unchanged\n")
        let run = await cli.run(["screen", "Vladimir Putin"])
        #expect(run.status == 1)
        #expect(run.output == "hit   100  Vladimir Putin → OFAC-35096 PUTIN, Vladimir Vladimirovich as \"PUTIN, Vladimir\" individual [RUSSIA-EO14024]\n")
        #expect(await cli.run("seed --sanctions ofac --json").output == #"{"added":0,"changed":0,"removed":0,"unchanged":14965}"# + "\n")
        #expect(await cli.run("seed --sanctions un").status == 2)
    }
}
