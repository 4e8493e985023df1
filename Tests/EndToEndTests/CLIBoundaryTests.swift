import Foundation
import Testing

/// The real binary at the command-line boundary: numbers out of range, an empty `--store`, a
/// directory that is not a store. None crashes, none writes where it should not.
@Suite struct CLIBoundaryTests {
    @Test(arguments: ["1e300", "99999999999999999999999", "9223372036854775807", "10000000"])
    func hugeRatesAreUsageErrorsNotCrashes(rate: String) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-rate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CLIProcess.run(["run", "--for", "1", "--rate", rate, "--store", directory.path])
        #expect(run.status == 2)
        #expect(run.errors == "bank-console run: --rate must be a number from 0 to 10000, not '\(rate)' (see 'bank-console run --help')\n")
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func anEmptyStoreWritesNothingIntoTheWorkingDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-empty-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try await CLIProcess.run(["seed", "--store", ""], in: directory)
        #expect(run.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test func aDirectoryThatIsNotAStoreIsNeitherReadNorSeeded() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("holiday photos".utf8).write(to: directory.appendingPathComponent("photo.txt"))
        for command in ["accounts", "seed", "pay --to 401234 10000329 --amount 1"] {
            let run = try await CLIProcess.run(command.split(separator: " ").map(String.init) + ["--store", directory.path])
            #expect(run.status == 1, "\(command)")
            #expect(run.errors.contains("is not a bank store: it holds 1 file and no store"), "\(command)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["photo.txt"])
    }
}
