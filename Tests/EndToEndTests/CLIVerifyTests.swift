import Foundation
import Testing

/// `bank-console verify` on a real data directory: sound, then with one flipped byte.
@Suite struct CLIVerifyTests {
    /// A data directory in `directory` with 50 `Tick` events imported on streams `{prefix}-0…4`
    /// (after those the first write command seeds); returns the store's path.
    static func importedStore(in directory: URL, prefix: String) async throws -> String {
        let store = directory.appendingPathComponent("store").path
        let file = directory.appendingPathComponent("events.ndjson")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((0..<50).map { #"{"stream":"\#(prefix)-\#($0 % 5)","type":"Tick","data":{"n":\#($0)}}"# + "\n" }.joined().utf8).write(to: file)
        #expect(try await CLIProcess.run(["import", file.path, "--store", store]).status == 0)
        return store
    }

    @Test func aFlippedByteIsExitThreeNamingFileAndOffset() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Self.importedStore(in: directory, prefix: "Verify")

        let sound = try await CLIProcess.run(["verify", "--store", store])
        #expect(sound.status == 0)
        #expect(sound.output.hasSuffix(" events verified\n"))

        // Flip one byte well inside the records the import wrote.
        let segment = try FileHandle(forUpdating: URL(fileURLWithPath: store + "/segment-000000.log"))
        try segment.seek(toOffset: 3_000)
        let byte = try #require(try segment.read(upToCount: 1)).first!
        try segment.seek(toOffset: 3_000)
        try segment.write(contentsOf: Data([byte ^ 0xFF]))
        try segment.close()

        let damaged = try await CLIProcess.run(["verify", "--store", store])
        #expect(damaged.status == 3)
        #expect(damaged.errors.hasPrefix("bank-console verify: corrupt: segment-000000.log at offset "))
        #expect(damaged.errors.split(separator: "\n").count == 1)
    }

    @Test func reindexRebuildsADamagedIndexPartFromTheLog() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-reindex-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Self.importedStore(in: directory, prefix: "Reindex")

        let first = try await CLIProcess.run(["reindex", "--store", store])
        #expect(first.status == 0)
        // The events imported, after the ones the first write command seeded.
        let sound = try await CLIProcess.run(["verify", "--store", store])
        let events = try #require(sound.output.split(separator: "\n").last?.split(separator: " ").dropFirst().first)
        #expect(first.output == "ok: index rebuilt from the log, \(events) events\n")
        let part = try #require(try FileManager.default.contentsOfDirectory(atPath: store).first { $0.hasPrefix("index-") && $0.hasSuffix(".part") })

        // Flip a byte of the part's blocks: verify names the part; reindex writes it anew.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: store + "/" + part))
        try handle.seek(toOffset: 100)
        let byte = try #require(try handle.read(upToCount: 1)).first!
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: Data([byte ^ 0x10]))
        try handle.close()
        let damaged = try await CLIProcess.run(["verify", "--store", store])
        #expect(damaged.status == 3)
        #expect(damaged.errors.contains(part))

        let repaired = try await CLIProcess.run(["reindex", "--store", store, "--json"])
        #expect(repaired.status == 0)
        #expect(repaired.output == #"{"ok":true,"events":\#(events)}"# + "\n")
        #expect(try await CLIProcess.run(["verify", "--store", store]).status == 0)
        let read = try await CLIProcess.run(["read", "Reindex-3", "--store", store])
        #expect(read.status == 0)
        #expect(read.output.split(separator: "\n").count >= 10)
    }
}
