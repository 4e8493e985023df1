import Foundation
import Store
import Testing

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// `bank-console import` killed with SIGKILL at seeded random moments: every `ok` line it
/// printed must name an event that is in the store after reopening, and re-running the import
/// afterwards must complete it exactly once.
@Suite(.serialized) struct CLIImportCrashTests {
    struct Line {
        var stream: String
        var id: String
        var json: String
    }

    /// `count` events over a few streams, each with a fixed id derived from the seed.
    static func lines(count: Int, seed: UInt64) -> [Line] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { index in
            let stream = "Crash-\(Int.random(in: 0..<16, using: &random))"
            let hex = String(index, radix: 16)
            let id = "\(String(seed, radix: 16).leftPadded(to: 8))-0000-4000-8000-\(hex.leftPadded(to: 12))"
            let padding = String(repeating: "x", count: Int.random(in: 0..<200, using: &random))
            let json = #"{"stream":"\#(stream)","type":"Tick","id":"\#(id)","data":{"index":\#(index),"pad":"\#(padding)"}}"#
            return Line(stream: stream, id: id, json: json)
        }
    }

    /// Starts an import, kills it with SIGKILL once `killAfter` ok lines were read, and returns
    /// every complete line it printed (including any still in the pipe).
    static func importAndKill(file: URL, store: URL, killAfter: Int) throws -> [String] {
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = ["import", file.path, "--store", store.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = pipe.fileHandleForReading
        var received = Data()
        var killed = false
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
            if !killed, received.reduce(0, { $0 + ($1 == 0x0A ? 1 : 0) }) >= killAfter {
                kill(process.processIdentifier, SIGKILL)
                killed = true
            }
        }
        process.waitUntilExit()
        let text = String(decoding: received, as: UTF8.self)
        // A line cut off by the kill has no newline: only complete lines count.
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Every event of the `Crash-` streams, by global position: (stream, version, id).
    /// (A new data directory is seeded with the bank first; those events are not the import's.)
    static func allEvents(store: URL) async throws -> [UInt64: (stream: String, version: Int64, id: String)] {
        let result = try await CLIProcess.run(["read", "$all", "--json", "--store", store.path])
        #expect(result.status == 0)
        let array = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] ?? []
        var events: [UInt64: (stream: String, version: Int64, id: String)] = [:]
        for object in array {
            guard let position = (object["position"] as? NSNumber)?.uint64Value,
                  let stream = object["stream"] as? String,
                  let version = (object["version"] as? NSNumber)?.int64Value,
                  let id = object["id"] as? String, stream.hasPrefix("Crash-") else { continue }
            events[position] = (stream, version, id)
        }
        return events
    }

    @Test(arguments: [UInt64(11), 23, 37, 41, 59])
    func everyOkLinePrintedBeforeAKillIsInTheStore(seed: UInt64) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-crash-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store")
        let file = directory.appendingPathComponent("events.ndjson")
        let count = 3_000
        let lines = Self.lines(count: count, seed: seed)
        try Data(lines.map { $0.json + "\n" }.joined().utf8).write(to: file)
        var random = SplitMix64(seed: seed)
        // Kill well before the end, so the process is always still importing when SIGKILL lands.
        let killAfter = Int.random(in: 1..<(count * 3 / 4), using: &random)

        let printed = try await CLIProcess.onOwnThread { try Self.importAndKill(file: file, store: store, killAfter: killAfter) }
        let events = try await Self.allEvents(store: store)
        #expect(!printed.isEmpty)
        #expect(printed.count < count, "the import finished before it was killed")
        for (index, line) in printed.enumerated() {
            let parts = line.split(separator: " ")
            #expect(parts.count == 4 && parts[0] == "ok", "line \(index + 1): \(line)")
            guard parts.count == 4, let version = Int64(parts[2]), let position = UInt64(parts[3]) else { continue }
            let event = events[position]
            #expect(event?.stream == lines[index].stream && String(parts[1]) == lines[index].stream)
            #expect(event?.version == version)
            #expect(event?.id == lines[index].id)
        }

        // Re-running the whole import completes it: every line once, each stream in input order.
        let rerun = try await CLIProcess.run(["import", file.path, "--store", store.path])
        #expect(rerun.status == 0)
        let final = try await Self.allEvents(store: store)
        #expect(final.count == count)
        #expect(Set(final.values.map(\.id)) == Set(lines.map(\.id)))
        var byStream: [String: [(version: Int64, id: String)]] = [:]
        for position in final.keys.sorted() {
            let event = final[position]!
            byStream[event.stream, default: []].append((event.version, event.id))
        }
        for (stream, events) in byStream {
            #expect(events.map(\.version) == Array(0..<Int64(events.count)))
            #expect(events.map(\.id) == lines.filter { $0.stream == stream }.map(\.id))
        }
    }
}
