import Foundation
import Synchronization

/// Runs the built `bank-console` (a sibling of the test executable) to completion.
enum CLIProcess {
    /// The built `bank-console`, a sibling of this test executable.
    static var binary: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the tests run from `.build/debug/bank-consolePackageTests.xctest`; step out of a bundle if any.
        while directory.pathExtension == "xctest" || directory.lastPathComponent == "MacOS" || directory.lastPathComponent == "Contents" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("bank-console")
    }

    /// Runs the binary (in `directory` when given) and returns its exit status (128 + N after
    /// signal N), standard output and standard error. The wait happens on a thread of its own:
    /// tests run in parallel on a cooperative pool as small as the machine's cores, and a test
    /// blocked on a child process there would stall every other test.
    static func run(_ arguments: [String], in directory: URL? = nil) async throws -> (status: Int32, output: String, errors: String) {
        try await onOwnThread { try runBlocking(arguments, in: directory) }
    }

    /// Runs `body` on a new thread and hands back what it returns, without holding a thread of
    /// the cooperative pool while it blocks.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    static func runBlocking(_ arguments: [String], in directory: URL?) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Drain standard error on another thread while reading standard output, so a full pipe never blocks it.
        let errorData = DataBox()
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        drained.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: outputData, as: UTF8.self),
                String(decoding: errorData.get(), as: UTF8.self))
    }
}

/// Bytes handed from one thread to another.
final class DataBox: Sendable {
    private let data = Mutex(Data())
    func set(_ value: Data) { data.withLock { $0 = value } }
    func get() -> Data { data.withLock { $0 } }
}
