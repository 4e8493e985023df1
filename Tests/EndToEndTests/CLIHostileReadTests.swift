import Foundation
import Testing

/// `bank-console read` with positions the log does not have, on a real data directory.
@Suite struct CLIHostileReadTests {
    @Test func readingTheLogFromPastItsEndPrintsNoEventsInsteadOfCrashing() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-read-past-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store").path
        // A new directory is seeded first; the append prints `ok Orders-1 0 POSITION`, the log's last.
        let appended = try await CLIProcess.run(["append", "Orders-1", "Placed", "--store", store])
        #expect(appended.status == 0)
        let last = try #require(appended.output.split(separator: " ").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        #expect(try await CLIProcess.run(["read", "$all", "--from", "\(last)", "--store", store]).output.contains("Orders-1"))
        for from in ["\(last + 1)", "\(last + 2)", "999999"] {
            let run = try await CLIProcess.run(["read", "$all", "--from", from, "--store", store])
            #expect(run.status == 0)
            #expect(run.output == "no events\n")
            #expect(run.errors == "")
        }
        let json = try await CLIProcess.run(["read", "$all", "--from", "999999", "--json", "--store", store])
        #expect(json.status == 0 && json.output == "[]\n")
    }
}
