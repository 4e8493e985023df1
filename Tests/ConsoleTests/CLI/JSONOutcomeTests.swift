import Foundation
import Store
import Testing
@testable import Console

/// With `--json`, a failure is JSON too; and an empty read says so.
@Suite struct JSONOutcomeTests {
    let cli = CLIHarness()

    @Test func aRefusedAppendWithJSONPrintsAnOkFalseObject() async {
        _ = await cli.run("append Orders-1 A")
        let run = await cli.run("append Orders-1 B --expected no-stream --json")
        #expect(run.status == 1)
        #expect(run.output == #"{"ok":false,"error":"\#(run.errors.dropLast())","exitCode":1}"# + "\n")
        #expect(run.errors.hasPrefix("bank-console append: "))
    }

    @Test func aUsageErrorWithJSONPrintsAnOkFalseObject() async {
        let run = await cli.run("read --json")
        #expect(run.status == 2)
        #expect(run.output == #"{"ok":false,"error":"bank-console read: missing STREAM (see 'bank-console read --help')","exitCode":2}"# + "\n")
        let range = await cli.run("read $all --from -3 --json")
        #expect(range.output.hasPrefix(#"{"ok":false,"error":"bank-console read: --from must be a whole number"#))
    }

    @Test func readingPastTheEndOfTheLogSaysNoEvents() async {
        _ = await cli.run("append Orders-1 A")
        #expect(await cli.run("read $all --from 99999") == .init(status: 0, output: "no events\n", errors: ""))
        #expect(await cli.run("read $all --from 99999 --json") == .init(status: 0, output: "[]\n", errors: ""))
    }
}
