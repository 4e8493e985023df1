import Foundation
import Testing

/// Drives the real `bank-console` in a private tmux server: send keys, poll the screen.
///
/// Every wait polls `capture-pane` until the text appears or a deadline passes; nothing waits
/// a fixed time. The exit code is written to a file because tmux's pane status is unreliable.
final class TUITmux {
    let socket: String
    let dataDirectory: URL
    var exitCodeFile: URL { dataDirectory.appendingPathExtension("rc") }

    /// tmux, or nil when it is not installed (the tests then skip with a message).
    static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Starts the console on a fresh data directory in a `width`×`height` window.
    init(width: Int = 120, height: Int = 40, extraArguments: String = "") throws {
        socket = "bank-tui-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-tui-\(UUID().uuidString)")
        // The invented sanctions list: seeding OFAC's and building its screener takes a debug
        // build tens of seconds on a loaded machine (DefaultSanctionsSeedTests covers it).
        let command = "env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 ESCDELAY=25 BANK_SEED_SANCTIONS=fictional '\(CLIProcess.binary.path)' --store '\(dataDirectory.path)' \(extraArguments); echo $? > '\(exitCodeFile.path)'"
        // The tmux server outlives this call: start it through a shell that first closes every
        // descriptor it inherited, or the server would hold Process's pipes open forever.
        let closeInherited = "for fd in $(ls /proc/$$/fd); do [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done 2>/dev/null; "
        let start = "exec \(TUITmux.tmuxPath ?? "tmux") -L \(socket) -f /dev/null new-session -d -s app -x \(width) -y \(height) " + TUITmux.quoted(command)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", closeInherited + start]
        shell.standardInput = FileHandle.nullDevice
        shell.standardOutput = FileHandle.nullDevice
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        shell.waitUntilExit()
        try tmux(["set-option", "-t", "app", "remain-on-exit", "on"])
    }

    /// `text` as one single-quoted shell word.
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    deinit {
        // Stop the console first (SIGTERM restores the terminal and exits), then tmux.
        if let pid = try? tmux(["display-message", "-p", "-t", "app", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines), !pid.isEmpty {
            let pkill = Process()
            pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
            pkill.arguments = ["-TERM", "-P", pid]
            try? pkill.run()
            pkill.waitUntilExit()
        }
        // The server inherits the test runner's blocked signals, so kill-server (a SIGTERM the
        // server sends itself) may not end it: SIGKILL, which cannot be blocked, makes sure.
        let server = ((try? tmux(["display-message", "-p", "#{pid} #{socket_path}"])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1).map(String.init)
        _ = try? tmux(["kill-server"])
        if server.count == 2, let pid = pid_t(server[0]), pid > 1 {
            kill(pid, SIGKILL)
            try? FileManager.default.removeItem(atPath: server[1])
        }
        try? FileManager.default.removeItem(at: dataDirectory)
        try? FileManager.default.removeItem(at: exitCodeFile)
    }

    @discardableResult
    func tmux(_ arguments: [String], capturing: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TUITmux.tmuxPath ?? "/usr/bin/tmux")
        process.arguments = ["-L", socket] + arguments
        let output = Pipe()
        process.standardOutput = capturing ? output : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = capturing ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The screen as text.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "app"]) }

    /// Presses keys by tmux name (`Enter`, `Escape`, `PageUp`, `j`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "app"] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "app", "-l", text]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "app", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds; fails the test with the last screen if the
    /// deadline passes first. The default is generous: the console is a process of its own, and
    /// the whole suite on two cores has starved it past 30 s (a deadline only catches a hang).
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 120, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what); screen was:\n\(screen)", sourceLocation: sourceLocation)
        throw TimedOut()
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 120, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits for the process to exit and returns its exit code.
    func exitCode(timeout: Double = 120) async throws -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: exitCodeFile, encoding: .utf8), let code = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return code
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return nil
    }

    /// tmux's view of the pane: alternate screen on, cursor visible (terminal restored?).
    func paneFlags() throws -> String { try tmux(["display-message", "-p", "-t", "app", "#{alternate_on} #{cursor_flag}"]).trimmingCharacters(in: .whitespacesAndNewlines) }

    struct TimedOut: Error {}
}
