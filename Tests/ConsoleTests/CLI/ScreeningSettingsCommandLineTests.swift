import Core
import Foundation
import Store
import Testing
@testable import Console

/// `settings screening-hold-at SCORE` and the evidence `screen`, `held` and `payment` show.
@Suite struct ScreeningSettingsCommandLineTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    @Test func theScreeningHoldThresholdIsASupervisorsSettingAppliedFromTheNextPayment() async {
        _ = await cli.run("operators add jo --role operator")
        #expect(await cli.run("settings").output == "four-eyes-above 10000.00\nscreening-hold-at 85\n")
        #expect(await cli.run(["screen", "Boris Vantablak"]).status == 1)
        let head = cli.store().headPosition
        let refusals = [
            await cli.run("settings screening-hold-at 90 --by jo"),
            await cli.run("settings screening-hold-at 101"),
            await cli.run("settings screening-hold-at 49"),
        ]
        #expect(refusals.map(\.status) == [1, 1, 1])
        #expect(refusals[1].errors == "bank-console settings: screening hold threshold 101 is out of range: a score from 50 to 100\n")
        #expect(await cli.run("settings screening-hold-at high").status == 2)
        #expect(await cli.run("settings screening-hold-at").status == 2)
        #expect(cli.store().headPosition == head)
        #expect(await cli.run("settings screening-hold-at 100 --reason exact").output == "four-eyes-above 10000.00\nscreening-hold-at 100\n")
        #expect(await cli.run("settings --json").output == #"{"fourEyesAbove":"10000.00","screeningHoldAt":100}"# + "\n")
        #expect(await cli.run(["screen", "Boris Vantablak"]).status == 0)
        let paid = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Boris Vantablak"])
        #expect(paid.lines.first?.hasSuffix(": settled") == true)
        #expect(await cli.run("audit --action settings").output.contains("screening-hold-at 100"))
    }

    @Test func aHoldShowsTheEntryTheAliasAndTheScoreFrom0To100() async {
        let held = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Borys Wantablak"])
        #expect(held.status == 0)
        #expect(held.output.hasSuffix(#": held for sanctions review: Borys Wantablak ~ Borys Wantablak (SN-0001, alias of "Boris Vantablack") score 100"# + "\n"))
        let id = String(held.output.split(separator: " ")[2])
        #expect(await cli.run(["payment", id]).output.contains(#"originator Borys Wantablak ~ Borys Wantablak (SN-0001, alias of "Boris Vantablack") score 100"#))
        #expect(await cli.run("held").output.contains(#"Borys Wantablak ~ Borys Wantablak (SN-0001, alias of "Boris Vantablack") score 100"#))
        let json = await cli.run(["payment", id, "--json"]).output
        #expect(json.contains(#""evidence":[{"name":"Borys Wantablak","matched":"Borys Wantablak","score":1.00,"role":"originator","entryId":"SN-0001","entryName":"Boris Vantablack","listNumber":null,"type":null,"programs":[],"score100":100}]"#))
    }
}
