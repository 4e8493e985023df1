import Foundation
import Testing

/// `bank-console verify` on a real data directory: sound, then with one flipped byte.
@Suite struct CLIVerifyTests {
    @Test func aFlippedByteIsExitThreeNamingFileAndOffset() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store").path
        let file = directory.appendingPathComponent("events.ndjson")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data((0..<50).map { #"{"stream":"Verify-\#($0 % 5)","type":"Tick","data":{"n":\#($0)}}"# + "\n" }.joined().utf8).write(to: file)
        #expect(try await CLIProcess.run(["import", file.path, "--store", store]).status == 0)

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
}
