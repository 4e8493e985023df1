import Foundation
import Testing

/// While `bank-console run` writes a data directory, read-only commands work beside it, a
/// second writer is refused naming the holder's pid, and SIGINT stops the run cleanly.
@Suite struct CLIConcurrentReadersTests {
    @Test func readersWorkBesideARunningWriterAndASecondWriterIsRefused() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-readers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = directory.appendingPathComponent("store").path
        #expect(try await CLIProcess.run(["seed", "--store", store]).status == 0)

        let runner = Process()
        runner.executableURL = CLIProcess.binary
        runner.arguments = ["run", "--for", "120", "--rate", "20", "--store", store]
        let output = Pipe()
        runner.standardOutput = output
        runner.standardError = FileHandle.nullDevice
        try runner.run()
        defer { if runner.isRunning { kill(runner.processIdentifier, SIGKILL) } }
        // Its first progress line means the bank is open and the lock is held.
        let first = try await CLIProcess.onOwnThread { output.fileHandleForReading.availableData }
        #expect(String(decoding: first, as: UTF8.self).contains(" sent "))

        #expect(try await CLIProcess.run(["streams", "--store", store]).status == 0)
        #expect(try await CLIProcess.run(["accounts", "--store", store, "--json"]).output.hasPrefix(#"[{"sortCode":"401234","#))
        #expect(try await CLIProcess.run(["verify", "--store", store]).status == 0)
        let refused = try await CLIProcess.run(["append", "Other-1", "Tick", "--store", store])
        #expect(refused.status == 1)
        #expect(refused.errors == "bank-console append: \(store) is in use by process \(runner.processIdentifier)\n")

        kill(runner.processIdentifier, SIGINT)
        nonisolated(unsafe) let running = runner
        try await CLIProcess.onOwnThread { running.waitUntilExit() }
        #expect(runner.terminationReason == .exit)
        #expect(runner.terminationStatus == 0)
        // Stopped cleanly: the lock is free again for a writer.
        #expect(try await CLIProcess.run(["append", "Other-1", "Tick", "--store", store]).status == 0)
    }
}
