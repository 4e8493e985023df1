import Foundation
import Testing

/// A real full file system (a small tmpfs, where the machine lets the tests mount one): reads
/// and `verify` keep working, appends into a segment whose space was reserved still succeed,
/// and a writable open that needs space it cannot get fails with a message — never SIGBUS.
@Suite(.enabled(if: FullTmpfs.mountingAllowed, "needs permission to mount a tmpfs"))
struct CLIFullDiskTests {
    @Test func onAFullTmpfsReadsVerifyAndReservedAppendsWorkAndNothingDiesOfASignal() async throws {
        let disk = try #require(FullTmpfs(megabytes: 100))
        defer { disk.unmount() }
        let store = disk.root.appendingPathComponent("store").path
        #expect(try await FullTmpfs.run(["seed", "--store", store]) == .exit(0, ""))
        try disk.fill()

        #expect(try await FullTmpfs.run(["verify", "--store", store]) == .exit(0, ""))
        #expect(try await FullTmpfs.run(["streams", "--store", store]) == .exit(0, ""))
        // The segment's space was reserved when it was made: the disk being full does not matter.
        #expect(try await FullTmpfs.run(["append", "Other-1", "Tick", "--store", store]) == .exit(0, ""))
        #expect(try await FullTmpfs.run(["read", "Other-1", "--store", store]) == .exit(0, ""))
        #expect(try await FullTmpfs.run(["verify", "--store", store]) == .exit(0, ""))
    }

    @Test func aSparseStoreOnAFullTmpfsIsReadAndVerifiedAndAWriterIsRefusedWithAMessage() async throws {
        let disk = try #require(FullTmpfs(megabytes: 40))
        defer { disk.unmount() }
        // A store as older versions left it: segments sparse past their data.
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("cli-sparse-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: source) }
        #expect(try await FullTmpfs.run(["seed", "--store", source.path]) == .exit(0, ""))
        let store = disk.root.appendingPathComponent("store").path
        #expect(try await FullTmpfs.shell("/bin/cp", ["-a", "--sparse=always", source.path, store]) == 0)
        try disk.fill()

        #expect(try await FullTmpfs.run(["verify", "--store", store]) == .exit(0, ""))
        #expect(try await FullTmpfs.run(["accounts", "--store", store]) == .exit(0, ""))
        let refused = try await FullTmpfs.run(["append", "Other-1", "Tick", "--store", store])
        #expect(refused == .exit(1, "No space left on device"))
        #expect(try await FullTmpfs.run(["verify", "--store", store]) == .exit(0, ""))
    }
}

/// A tmpfs mounted for one test, then filled to the last byte.
struct FullTmpfs {
    let root: URL

    /// Whether this process may mount a tmpfs (tried once).
    static let mountingAllowed: Bool = {
        guard geteuid() == 0, let probe = FullTmpfs(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init?(megabytes: Int) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("full-tmpfs-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            guard try Self.shellBlocking("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", root.path]) == 0 else {
                try FileManager.default.removeItem(at: root)
                return nil
            }
        } catch {
            return nil
        }
    }

    func unmount() {
        _ = try? Self.shellBlocking("/bin/umount", [root.path])
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a filler file until the file system says it is full.
    func fill() throws {
        let fd = open(root.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x46, count: 1 << 16)
        while true {
            let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { break }
        }
        var small: UInt8 = 1
        while write(fd, &small, 1) == 1 {}
        #expect(errno == ENOSPC)
    }

    static func shell(_ tool: String, _ arguments: [String]) async throws -> Int32 {
        try await CLIProcess.onOwnThread { try shellBlocking(tool, arguments) }
    }

    static func shellBlocking(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : -1
    }

    /// How a command ended: its exit status and whether standard error mentions `text`, or the signal that killed it.
    enum Ending: Equatable, Sendable {
        case exit(Int32, String)
        case signal(Int32)
    }

    /// Runs `bank-console`; `.exit(status, text)` where `text` is "" or the part of `text`
    /// expected in standard error that was found there.
    static func run(_ arguments: [String]) async throws -> Ending {
        try await CLIProcess.onOwnThread { try runBlocking(arguments) }
    }

    static func runBlocking(_ arguments: [String]) throws -> Ending {
        let process = Process()
        process.executableURL = CLIProcess.binary
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit else { return .signal(process.terminationStatus) }
        let found = message.contains("No space left on device") ? "No space left on device" : ""
        return .exit(process.terminationStatus, found)
    }
}
