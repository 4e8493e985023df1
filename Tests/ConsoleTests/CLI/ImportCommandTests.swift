import Foundation
import Store
import Testing
@testable import Console

@Suite struct ImportCommandTests {
    let cli = CLIHarness()

    @Test func everyLineGetsOneOutputLineInInputOrderAndBadLinesDoNotStopTheRest() async {
        let input = """
            {"stream":"Orders-1","type":"A","data":{"n":1}}
            not json
            {"stream":"Orders-2","type":"A","data":{"n":2}}

            {"type":"A","data":{}}
            {"stream":"Orders-1","type":"B","data":[1, 2]}
            {"stream":"Orders-1","type":"C","data":{},"expected":7}
            {"stream":"$bad","type":"A","data":{}}
            {"stream":"Orders-1","type":"D","data":{},"id":"nope"}

            """
        var run = await cli.run("import", input: input)
        // Positions depend on which stream's append wins the race; versions do not.
        run.output = run.lines.map { $0.hasPrefix("ok") ? $0.split(separator: " ").dropLast().joined(separator: " ") : $0 }
            .map { $0 + "\n" }.joined()
        #expect(run == .init(status: 1, output: """
            ok Orders-1 0
            error 2 invalid JSON at byte 0: expected an object
            ok Orders-2 0
            error 5 missing "stream"
            ok Orders-1 1
            error 7 wrong expected version on Orders-1: expected 7, actual 1
            error 8 invalid stream name "$bad": names starting with $ are reserved for the store
            error 9 id is not a UUID: 'nope'

            """, errors: "bank-console import: 3 events imported, 5 lines refused\n"))
    }

    @Test func dataIsStoredExactlyAsWritten() async throws {
        _ = await cli.run("import -", input: #"{"stream":"Orders-1","type":"A","data":{ "b" : 1,"a":2 },"metadata":{"m":true}}"# + "\n")
        let event = try cli.store().event(stream: "Orders-1", version: 0)
        #expect(String(decoding: event.data, as: UTF8.self) == #"{ "b" : 1,"a":2 }"#)
        #expect(String(decoding: event.metadata, as: UTF8.self) == #"{"m":true}"#)
    }

    @Test func oneStreamsLinesLandInInputOrder() async throws {
        let input = (0..<2_000).map { #"{"stream":"Orders-\#($0 % 3)","type":"T\#($0)","data":{}}"# }.joined(separator: "\n")
        let run = await cli.run("import", input: input)
        #expect(run.status == 0)
        #expect(run.lines.count == 2_000)
        for stream in 0..<3 {
            let types = try cli.store().read("Orders-\(stream)").map(\.type)
            #expect(types == stride(from: stream, to: 2_000, by: 3).map { "T\($0)" })
        }
        let expectedVersions = (0..<2_000).map { "ok Orders-\($0 % 3) \($0 / 3)" }
        #expect(run.lines.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } == expectedVersions)
    }

    @Test func reimportingWithIdsWritesNothingNewAndReportsTheOriginalPlaces() async {
        let input = (0..<50).map { index in
            let id = String(format: "00000000-0000-0000-0000-%012d", index)
            return #"{"stream":"Orders-\#(index % 2)","type":"A","data":{},"id":"\#(id)"}"#
        }.joined(separator: "\n")
        let first = await cli.run("import", input: input)
        let partial = input.split(separator: "\n").dropFirst(10).joined(separator: "\n")
        let second = await cli.run("import", input: partial)
        #expect(first.status == 0)
        #expect(second == .init(status: 0, output: first.lines.dropFirst(10).map { $0 + "\n" }.joined(), errors: ""))
        #expect(cli.store().headPosition == 50)
    }

    @Test func readJSONOutputImportsAsIs() async throws {
        let source = cli.store("source")
        _ = try await source.append(to: "Blobs-1", expected: .any, events: [
            EventData(type: "Blob", data: Data([0xFF, 0x00]), metadata: Data(#"{"k":1}"#.utf8)),
            EventData(type: "Json", data: Data(#"{"x":[1,2]}"#.utf8)),
        ])
        let exported = await cli.run("read Blobs-1 --json --store source")
        let run = await cli.run("import --store copy", input: exported.output)
        #expect(run.output == "ok Blobs-1 0 0\nok Blobs-1 1 1\n")
        let original = try source.read("Blobs-1")
        let copied = try cli.store("copy").read("Blobs-1")
        #expect(copied.map(\.data) == original.map(\.data))
        #expect(copied.map(\.metadata) == original.map(\.metadata))
        #expect(copied.map(\.id) == original.map(\.id))
    }

    @Test func jsonOutputHasOneObjectPerLine() async {
        let run = await cli.run("import --json", input: "{\"stream\":\"Orders-1\",\"type\":\"A\",\"data\":1}\n[]\n")
        #expect(run.output == """
            {"ok":true,"stream":"Orders-1","version":0,"position":0}
            {"ok":false,"line":2,"error":"invalid JSON at byte 0: expected an object"}

            """)
    }

    @Test func aMissingFileIsRefused() async {
        let run = await cli.run("import /nonexistent/events.ndjson")
        #expect(run == .init(status: 1, output: "", errors: "bank-console import: cannot open /nonexistent/events.ndjson: No such file or directory\n"))
    }

    @Test func anUnreadableInputIsReportedWithWhatWasImported() async {
        let run = await cli.run("import /")
        #expect(run == .init(status: 1, output: "", errors: "bank-console import: reading / failed: Is a directory; 0 events imported\n"))
    }

    @Test func aFileIsReadLineByLine() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).ndjson")
        try Data((0..<10).map { #"{"stream":"Orders-1","type":"A","data":\#($0)}"# + "\n" }.joined().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = await cli.run(["import", file.path])
        #expect(run.lines == (0..<10).map { "ok Orders-1 \($0) \($0)" })
    }

    @Test func aStoreThatStopsTakingAppendsStopsTheImport() async {
        await cli.store().close()
        let run = await cli.run("import", input: #"{"stream":"Orders-1","type":"A","data":1}"#)
        #expect(run == .init(status: 1, output: "error 1 the store is closed\n",
                             errors: "bank-console import: stopped: the store is closed; 0 events imported\n"))
    }
}
