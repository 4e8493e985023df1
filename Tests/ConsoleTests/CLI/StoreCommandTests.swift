import Foundation
import Store
import Testing
@testable import Console

@Suite struct StoreCommandTests {
    let cli = CLIHarness()
    static let firstId = "0f8fad5b-d9cb-469f-a165-70867728950e"

    @Test func appendPrintsWhereTheEventLandedAndReadShowsIt() async {
        let append = await cli.run(["append", "Orders-1", "OrderPlaced", "--data", #"{"total": 12}"#, "--id", Self.firstId])
        #expect(append == .init(status: 0, output: "ok Orders-1 0 0\n", errors: ""))
        let read = await cli.run("read Orders-1")
        #expect(read.status == 0)
        #expect(read.lines == [
            "VERSION  POSITION  STREAM    TYPE         CREATED                   DATA",
            "      0         0  Orders-1  OrderPlaced  2026-05-28T20:26:40.000Z  {\"total\":12}",
        ])
    }

    @Test func eventJSONHasTheStableShape() async {
        _ = await cli.run(["append", "Orders-1", "OrderPlaced", "--data", #"{"total": 12, "items": ["a"]}"#,
                           "--metadata", #"{"$correlationId":"c1"}"#, "--id", Self.firstId])
        let run = await cli.run("event Orders-1 0 --json")
        #expect(run == .init(status: 0, output: """
            {"stream":"Orders-1","version":0,"position":0,"type":"OrderPlaced","id":"\(Self.firstId)",\
            "created":"2026-05-28T20:26:40.000Z","data":{"total":12,"items":["a"]},"metadata":{"$correlationId":"c1"}}

            """, errors: ""))
    }

    @Test func eventDetailPrettyPrintsDataAndMetadata() async {
        _ = await cli.run(["append", "Orders-1", "OrderPlaced", "--data", #"{"total":12,"items":["a"]}"#, "--id", Self.firstId])
        let run = await cli.run("event --position 0")
        #expect(run.lines == [
            "stream    Orders-1",
            "version   0",
            "position  0",
            "type      OrderPlaced",
            "id        \(Self.firstId)",
            "created   2026-05-28T20:26:40.000Z",
            "data:",
            "{",
            "  \"total\": 12,",
            "  \"items\": [",
            "    \"a\"",
            "  ]",
            "}",
            "metadata:",
            "null",
        ])
    }

    @Test func anIndexEntryShowsTheOriginalEvent() async {
        for line in ["append Orders-1 A", "append Users-1 A", "append Orders-2 B"] {
            _ = await cli.run(line)
        }
        #expect(await cli.run("event $ce-Orders 1").lines.prefix(3) == ["stream    Orders-2", "version   0", "position  2"])
        #expect(await cli.run("event $all 1").lines.first == "stream    Users-1")
        #expect(await cli.run("event $et-B 1").errors == "bank-console event: no event 1 in $et-B\n")
    }

    @Test func nonJSONBodiesAreBase64InJSONOutput() async throws {
        _ = try await cli.store().append(to: "Blobs-1", expected: .any,
                                         events: [EventData(id: UUID(uuidString: Self.firstId)!, type: "Blob", data: Data([0xFF, 0x00]))])
        let run = await cli.run("read Blobs-1 --json")
        #expect(run.output == """
            [
            {"stream":"Blobs-1","version":0,"position":0,"type":"Blob","id":"\(Self.firstId)","created":"2026-05-28T20:26:40.000Z",\
            "data":"/wA=","metadata":null,"dataEncoding":"base64"}
            ]

            """)
    }

    @Test func aWrongExpectedVersionIsRefusedWithTheActualVersion() async {
        _ = await cli.run("append Orders-1 OrderPlaced")
        let run = await cli.run("append Orders-1 OrderShipped --expected 5")
        #expect(run == .init(status: 1, output: "",
                             errors: "bank-console append: wrong expected version on Orders-1: expected 5, actual 0\n"))
        #expect(cli.store().headPosition == 1)
    }

    @Test func badInputToAppendWritesNothing() async {
        let runs = [
            await cli.run(["append", "Orders-1", "OrderPlaced", "--data", "{nope}"]),
            await cli.run(["append", "Orders-1", "OrderPlaced", "--metadata", "[1,"]),
            await cli.run(["append", "Orders-1", "OrderPlaced", "--id", "not-a-uuid"]),
            await cli.run(["append", "Orders-1", "OrderPlaced", "--expected", "soon"]),
            await cli.run(["append", "$system", "OrderPlaced"]),
            await cli.run(["append", "Orders-1", ""]),
        ]
        #expect(runs.map(\.status) == [1, 1, 1, 1, 1, 1])
        #expect(runs.map(\.errors) == [
            "bank-console append: --data is not JSON: invalid JSON at byte 1: expected a member name in quotes\n",
            "bank-console append: --metadata is not JSON: invalid JSON at byte 3: unexpected end of input\n",
            "bank-console append: id is not a UUID: 'not-a-uuid'\n",
            "bank-console append: expected version must be any, no-stream, exists or a version number, not 'soon'\n",
            "bank-console append: invalid stream name \"$system\": names starting with $ are reserved for the store\n",
            "bank-console append: invalid event type \"\": empty\n",
        ])
        #expect(cli.store().headPosition == 0)
    }

    @Test func repeatingAnAppendWithTheSameIdReturnsTheOriginalPlace() async {
        _ = await cli.run("append Other-1 Noise")
        let first = await cli.run("append Orders-1 OrderPlaced --id \(Self.firstId)")
        let again = await cli.run("append Orders-1 OrderPlaced --id \(Self.firstId) --json")
        #expect(first.output == "ok Orders-1 0 1\n")
        #expect(again.output == #"{"ok":true,"stream":"Orders-1","version":0,"position":1}"# + "\n")
        #expect(cli.store().headPosition == 2)
    }

    @Test func streamsListsNamesWithLastVersionsFilteredByPrefix() async {
        for line in ["append Orders-1 A", "append Orders-1 B", "append Orders-2 A", "append Users-1 A"] {
            _ = await cli.run(line)
        }
        #expect(await cli.run("streams --prefix Orders").lines == [
            "STREAM    LAST VERSION  LAST POSITION  STATUS",
            "Orders-1             1              1",
            "Orders-2             0              2",
            "2 streams",
        ])
        #expect(await cli.run("--json streams --prefix Users").output
            == #"[{"stream":"Users-1","lastVersion":0,"lastPosition":3,"deleted":false}]"# + "\n")
    }

    @Test func readingACategoryYieldsTheOriginalEventsInIndexOrder() async {
        for line in ["append Orders-1 A", "append Users-1 A", "append Orders-2 B"] {
            _ = await cli.run(line)
        }
        let run = await cli.run("read $ce-Orders")
        #expect(run.lines == [
            "ENTRY  POSITION  STREAM    TYPE  CREATED                   DATA",
            "    0         0  Orders-1  A     2026-05-28T20:26:40.000Z  null",
            "    1         2  Orders-2  B     2026-05-28T20:26:40.000Z  null",
        ])
    }

    @Test func readBackwardWithCountAndFromPagesThroughAll() async {
        for index in 0..<5 { _ = await cli.run("append Orders-\(index) A") }
        let backward = await cli.run("read $all --backward --count 2")
        #expect(backward.lines.dropFirst().map { $0.split(separator: " ")[1] } == ["4", "3"])
        let from = await cli.run("read $all --from 3")
        #expect(from.lines.dropFirst().map { $0.split(separator: " ")[1] } == ["3", "4"])
    }

    @Test func readingPastAPageBoundaryPrintsEveryEventOnce() async throws {
        let store = cli.store()
        let events = (0..<(ReadCommand.pageSize + 10)).map { _ in EventData(type: "Tick") }
        _ = try await store.append(to: "Clock-1", expected: .any, events: events)
        let forward = await cli.run("read Clock-1 --json")
        let backward = await cli.run("read Clock-1 --json --backward")
        let versions = { (run: CLIHarness.Run) in
            run.lines.filter { $0.hasPrefix("{") }.map { line in
                String(line.split(separator: ",")[1].dropFirst(10))
            }
        }
        #expect(versions(forward) == (0..<(ReadCommand.pageSize + 10)).map(String.init))
        #expect(versions(backward) == (0..<(ReadCommand.pageSize + 10)).reversed().map(String.init))
    }

    @Test func unknownStreamsAndEventsAreRefused() async {
        _ = await cli.run("append Orders-1 A")
        #expect(await cli.run("read Nothing-1") == .init(status: 1, output: "", errors: "bank-console read: stream not found: Nothing-1\n"))
        #expect(await cli.run("event Orders-1 7") == .init(status: 1, output: "", errors: "bank-console event: no event 7 in Orders-1\n"))
        #expect(await cli.run("event --position 9").errors == "bank-console event: no event at position 9\n")
        #expect(await cli.run("read Orders-1 --count lots")
            == .init(status: 2, output: "", errors: "bank-console read: --count must be a whole number from 0 to 9223372036854775807, not 'lots' (see 'bank-console read --help')\n"))
    }

    @Test func usageErrorsNameTheCommandLikeItsRefusals() async {
        #expect(await cli.run("read") == .init(status: 2, output: "", errors: "bank-console read: missing STREAM (see 'bank-console read --help')\n"))
        #expect(await cli.run("--bogus read a").errors == "bank-console read: unknown option '--bogus' (see 'bank-console read --help')\n")
        #expect(await cli.run("frobnicate").errors == "bank-console: unknown command 'frobnicate' (see 'bank-console --help')\n")
    }

    @Test func eventNeedsAStreamAndVersionOrAPosition() async {
        #expect(await cli.run("event Orders-1")
            == .init(status: 2, output: "", errors: "bank-console event: missing VERSION (see 'bank-console event --help')\n"))
        #expect(await cli.run("event Orders-1 0 --position 0").status == 2)
    }

    @Test func verifyReportsCorruptionWithExitThree() async {
        _ = await cli.run("append Orders-1 A")
        #expect(await cli.run("verify") == .init(status: 0, output: "memory store\nok: 1 events verified\n", errors: ""))
        cli.stores.corruption.withLock { $0 = .corrupt(file: "segment-00000001", offset: 4096, reason: "checksum mismatch") }
        #expect(await cli.run("verify") == .init(status: 3, output: "",
            errors: "bank-console verify: corrupt record in segment-00000001 at offset 4096: checksum mismatch\n"))
    }

    @Test func theStoreDirectoryComesFromTheOptionThenTheEnvironment() async {
        var cli = CLIHarness()
        cli.variables["BANK_STORE"] = "from-env"
        _ = await cli.run("append Orders-1 A")
        _ = await cli.run("append Orders-1 A --store elsewhere")
        #expect(cli.store("from-env").headPosition == 1)
        #expect(cli.store("elsewhere").headPosition == 1)
        #expect(cli.store().headPosition == 0)
    }

    @Test func withoutAConsoleInTheBuildNoCommandSaysSo() async {
        let run = await cli.run([])
        #expect(run.status == 1)
        #expect(run.errors.hasPrefix("bank-console: the console (TUI) is not available in this build"))
    }

    @Test func helpListsEveryCommandAndExitsZero() async {
        let run = await cli.run("help")
        #expect(run.status == 0)
        for command in CommandCatalog.all {
            #expect(run.output.contains("  " + command.spec.usage[0] + "\n"))
        }
        #expect(await cli.run("import --help").output.hasPrefix("usage: bank-console import [FILE|-]\n"))
        // The usage line offers --theme; the options say what it takes.
        #expect(run.output.contains("options of the console:\n  --theme NAME  colour theme: default, light, high-contrast, mono, or a theme file's path\n"))
    }
}
