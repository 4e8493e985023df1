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
        #expect(clear.output == #"[{"name":"John Smith","hit":false,"score":0,"entryId":null,"entryName":null,"matched":null,"type":null,"programs":[]}]"# + "\n")
    }

    @Test func aFileIsOneNamePerLine() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString).txt")
        try Data("Boris Vantablack\n\n  Emma Wilson  \n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = await cli.run(["screen", "--file", url.path, "--json"])
        #expect(run.status == 1)
        #expect(run.output == #"[{"name":"Boris Vantablack","hit":true,"score":100,"entryId":"SN-0001","entryName":"Boris Vantablack","matched":"Boris Vantablack","type":null,"programs":[]},{"name":"Emma Wilson","hit":false,"score":0,"entryId":null,"entryName":null,"matched":null,"type":null,"programs":[]}]"# + "\n")
    }

    @Test func noNamesOrBothFormsAreUsageErrors() async {
        let none = await cli.run("screen")
        #expect(none.status == 2)
        #expect(none.errors.split(separator: "\n").count == 1)
        #expect(await cli.run(["screen", "A Name", "--file", "x.txt"]).status == 2)
        #expect(await cli.run(["screen", "--file", "/no/such/file.txt"]).status == 1)
    }
}
