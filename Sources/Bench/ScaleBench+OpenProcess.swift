import Foundation
import Store

/// The opens of `bank-bench scale` measured in a process of their own: `scale` launches
/// `bank-bench scale-open-process --open-process DIR`, which opens DIR read-only
/// `ScaleBench.openRuns` times, then writable as many times, and prints each median (wall,
/// then CPU, ms) as `scale.open.process` and `scale.open.writable.process`. The in-process
/// `scale.open` at N is taken in the process that has just built N events: the building store
/// is closed and released before (`build`), and a closed store leaves nothing working on
/// another thread (until that was fixed, the queue of its last save released the store's index
/// and mappings after `close` returned, and the in-process opens at 10 M ran beside that work,
/// 6–16× those at 1 M), but the process keeps the heap building left (gigabytes freed but still
/// mapped), which a fresh process does not carry: these compare the store's own work at both
/// sizes, as a `bank-console` command meets it.
extension ScaleBench {
    /// Runs the child on `url`; what it printed, by name.
    static func openProcess(url: URL) throws -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["scale-open-process", "--open-process", url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure.cli("bank-bench scale-open-process exited \(process.terminationStatus)")
        }
        var values: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2, let value = Double(fields[1]) { values[String(fields[0])] = value }
        }
        return values
    }

    /// The child: `scale-open-process --open-process DIR`.
    static func openProcessChild() async throws {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--open-process"), flag + 1 < arguments.count else {
            throw BenchFailure.cli("scale-open-process needs --open-process DIR")
        }
        let url = URL(fileURLWithPath: arguments[flag + 1])
        let readOnly = try await Sample.median(openRuns) {
            let store = try FileEventStore.open(directory: url, options: FileStoreOptions(readOnly: true))
            return { await store.close() }
        }
        let writable = try await Sample.median(openRuns) {
            let store = try FileEventStore.open(directory: url)
            return { await store.close() }
        }
        let lines = [
            "scale.open.process\t\(readOnly.milliseconds)", "scale.open.process.cpu\t\(readOnly.cpuMilliseconds)",
            "scale.open.writable.process\t\(writable.milliseconds)", "scale.open.writable.process.cpu\t\(writable.cpuMilliseconds)",
        ]
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
