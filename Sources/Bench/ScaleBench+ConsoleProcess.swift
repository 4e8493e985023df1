import ConsoleUI
import Foundation

/// The console measured in a process that is only the console: `bank-bench scale` launches
/// `bank-bench scale-console-process --console-process DIR` as a child, which runs the console
/// headless on DIR (`ConsoleRunner.runHeadless`: open the store, resume the saved views, start
/// the live feed, catch up, draw) and, at its first frame at the store's head, prints its memory
/// from `/proc/self/status` and what the console holds, then closes the console.
extension ScaleBench {
    /// What the child printed, by name.
    struct ConsoleProcess {
        /// Milliseconds from launching the child to its first live frame (process start,
        /// store open, views resumed, first frame), from the parent's clock.
        var milliseconds: Double
        var values: [String: Double]
    }

    /// Runs the child on `url` and reads its report; nil when it printed none (then it
    /// failed, and its stderr says why).
    /// - Parameter withBank: the child runs the processors, projections and simulator too.
    static func consoleProcess(url: URL, withBank: Bool = false) throws -> ConsoleProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = ["scale-console-process", "--console-process", url.path] + (withBank ? ["--with-bank", "1"] : [])
        let output = Pipe()
        process.standardOutput = output
        let clock = ContinuousClock(), start = clock.now
        try process.run()
        var values: [String: Double] = [:]
        var live: Duration?
        var pending = Data()
        // Lines as they come: the first says the frame is drawn (timed here), the rest what it held.
        while case let chunk = output.fileHandleForReading.availableData, !chunk.isEmpty {
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                let fields = line.split(separator: "\t")
                guard fields.count == 2, let value = Double(fields[1]) else { continue }
                if fields[0] == "live" { live = clock.now - start }
                values[String(fields[0])] = value
            }
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let live else {
            throw BenchFailure.cli("bank-bench scale-console-process exited \(process.terminationStatus) without a live frame")
        }
        return ConsoleProcess(milliseconds: StoreBench.seconds(live) * 1000, values: values)
    }

    /// The child: `scale-console-process --console-process DIR [--with-bank 1]`.
    static func consoleProcessChild() async throws {
        let arguments = CommandLine.arguments
        guard let flag = arguments.firstIndex(of: "--console-process"), flag + 1 < arguments.count else {
            throw BenchFailure.cli("scale-console-process needs --console-process DIR")
        }
        let directory = URL(fileURLWithPath: arguments[flag + 1])
        let launch = HeadlessLaunch(runsBank: arguments.contains("--with-bank")) { frame in
            // Written at the first live frame, on the console's UI thread, before it closes.
            var lines = ["live\t1"]
            lines += ProcessStatus.read().map { "\($0.0)\t\($0.1)" }
            lines += [
                "position\t\(frame.position ?? 0)", "head\t\(frame.head)", "frames\t\(frame.frames)",
                "accounts\t\(frame.accounts)", "account_pages\t\(frame.accountPages)",
                "account_overlay_rows\t\(frame.accountOverlayRows)", "payments_kept\t\(frame.paymentsKept)",
                "inbox_events\t\(frame.inboxEvents)",
            ]
            if let inUse = ProcessStatus.mallocInUse() { lines.append("malloc_in_use\t\(inUse)") }
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        let code = await ConsoleRunner.runHeadless(storeDirectory: directory, environment: ProcessInfo.processInfo.environment, launch: launch)
        if code != 0 { exit(code) }
    }
}

/// This process's memory as the kernel and malloc count it.
enum ProcessStatus {
    /// `VmHWM`, `VmRSS`, `RssAnon`, `RssFile` from `/proc/self/status`, in kB.
    static func read() -> [(String, Int)] {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return [] }
        let wanted: Set<Substring> = ["VmHWM", "VmRSS", "RssAnon", "RssFile"]
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, wanted.contains(parts[0]),
                  let kilobytes = Int(parts[1].split(whereSeparator: \.isWhitespace).first ?? "") else { return nil }
            return (String(parts[0]), kilobytes)
        }
    }

    /// Bytes malloc has handed out and not had back (all arenas, mmapped blocks included),
    /// from glibc's `malloc_info` (malloc.h, which the Glibc module does not import); nil
    /// without it.
    static func mallocInUse() -> Int? {
        typealias MallocInfo = @convention(c) (Int32, UnsafeMutablePointer<FILE>?) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_info") else { return nil }
        let mallocInfo = unsafeBitCast(symbol, to: MallocInfo.self)
        var buffer: UnsafeMutablePointer<CChar>?
        var size = 0
        guard let stream = open_memstream(&buffer, &size) else { return nil }
        _ = mallocInfo(0, stream)
        fclose(stream)
        guard let buffer else { return nil }
        defer { free(buffer) }
        return inUse(xml: String(cString: buffer))
    }

    /// From `malloc_info`'s XML, its last (whole-process) totals: memory taken from the system
    /// (`<system type="current">`) plus mmapped blocks, less the free chunks (`fast`, `rest`).
    static func inUse(xml: String) -> Int? {
        guard let totals = xml.range(of: "</heap>", options: .backwards).map({ xml[$0.upperBound...] }) else { return nil }
        func size(_ tag: String) -> Int? {
            guard let found = totals.range(of: tag) else { return nil }
            let rest = totals[found.upperBound...]
            guard let from = rest.range(of: "size=\"") else { return nil }
            return Int(rest[from.upperBound...].prefix { $0.isNumber })
        }
        guard let system = size("<system type=\"current\""), let mmap = size("<total type=\"mmap\"") else { return nil }
        return system + mmap - (size("<total type=\"fast\"") ?? 0) - (size("<total type=\"rest\"") ?? 0)
    }
}
