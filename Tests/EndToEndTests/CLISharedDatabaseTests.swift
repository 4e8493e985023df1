import Foundation
import Testing

/// Three `bank-console run` processes on one PostgreSQL database share the processing; one is
/// killed with SIGKILL mid-run and the others finish its work: every payment comes to rest,
/// each posted exactly once, and every ledger's balances add up (the survivor's last progress
/// line, which counts the whole bank, is the tally).
@Suite(.enabled(if: testPostgresServer != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(4)))
struct CLISharedDatabaseTests {
    /// What the processes did, gathered on a thread of its own (it blocks on their pipes for half
    /// a minute, which must not hold one of the few threads every test's tasks share).
    struct Outcome: Sendable {
        var seeded: Int32
        var killedStatus: Int32
        var firstStatus: Int32
        var firstErrors: String
        var lastLine: String
        var secondStatus: Int32
        var read: (status: Int32, output: String, errors: String)
    }

    @Test func threeRunsShareADatabaseAndTheSurvivorsFinishAKilledOnesWork() async throws {
        let database = try TestDatabase()
        defer { database.drop() }
        let outcome = try await CLIProcess.onOwnThread { try Self.scenario(store: database.uri) }
        #expect(outcome.seeded == 0)
        #expect(outcome.killedStatus == 128 + SIGKILL)
        #expect(outcome.firstStatus == 0)
        #expect(outcome.firstErrors.isEmpty)
        #expect(Self.count("inFlight", in: outcome.lastLine) == 0)
        let settled = Self.count("settled", in: outcome.lastLine)
        #expect(settled >= 10)
        #expect(outcome.secondStatus == 0)

        // Exactly once, read back by a read-only command.
        #expect(outcome.read.status == 0)
        let postings = try JSONDecoder().decode([Posting].self, from: Data(outcome.read.output.utf8))
        var seen = Set<String>()
        var balances: [String: Int64] = [:]
        for posting in postings {
            let entry = posting.data
            if let payment = entry.paymentId {
                #expect(seen.insert("\(payment) \(entry.kind)").inserted, "posted twice: \(payment) \(entry.kind)")
            }
            let before = balances[posting.stream] ?? 0
            #expect(entry.kind == "openingBalance" || before + Self.pence(entry.amount) == Self.pence(entry.balanceAfter),
                    "\(posting.stream)@\(posting.version)")
            balances[posting.stream] = Self.pence(entry.balanceAfter)
        }
        #expect(postings.count { $0.data.kind == "inboundPayment" } == settled)
    }

    /// Two processors-only runs, then one that also sends 20 payments a second for ten seconds
    /// (long enough for ten to settle even when the machine is busy with the other tests); once
    /// payments are settling, the third dies by SIGKILL without a chance to checkpoint or let go.
    static func scenario(store: String) throws -> Outcome {
        let seeded = try CLIProcess.runBlocking(["seed", "--store", store], in: nil).status
        let second = try RunningCLI(["run", "--rate", "0", "--json", "--store", store])
        let third = try RunningCLI(["run", "--rate", "0", "--json", "--store", store])
        defer { second.kill(SIGKILL); third.kill(SIGKILL) }
        _ = second.nextLine()
        _ = third.nextLine()
        let first = try RunningCLI(["run", "--rate", "20", "--for", "10", "--json", "--store", store])
        defer { first.kill(SIGKILL) }
        var last = first.nextLine() ?? ""
        while count("settled", in: last) < 10, let line = first.nextLine() { last = line }
        third.kill(SIGKILL)
        let killed = third.waitForExit()
        // The first stops sending after ten seconds and waits for what is in flight (30 s at
        // most: on a machine starved by the other tests, something may still be in flight then).
        while let line = first.nextLine() { last = line }
        let firstStatus = first.waitForExit()
        // The second's progress lines count the whole bank: once they show nothing in flight
        // and at least what the first saw settle, it is stopped, and its last line is the tally.
        let sent = count("settled", in: last)
        while let line = second.nextLine() {
            last = line
            if count("inFlight", in: line) == 0, count("settled", in: line) >= sent { break }
        }
        second.kill(SIGINT)
        while let line = second.nextLine() { last = line }
        let secondStatus = second.waitForExit()
        return Outcome(seeded: seeded, killedStatus: killed, firstStatus: firstStatus, firstErrors: first.errors(), lastLine: last,
                       secondStatus: secondStatus, read: try CLIProcess.runBlocking(["read", "$et-LedgerEntryPosted", "--json", "--store", store], in: nil))
    }

    /// A number in a `run --json` progress line: `"settled":12`.
    static func count(_ name: String, in line: String) -> Int {
        guard let range = line.range(of: "\"\(name)\":") else { return -1 }
        return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }

    /// Pence of a decimal amount such as "-12.30".
    static func pence(_ text: String) -> Int64 {
        let negative = text.hasPrefix("-")
        let parts = text.drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
        let pounds = Int64(parts.first ?? "0") ?? 0
        let fraction = parts.count > 1 ? String(parts[1].prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
        let value = pounds * 100 + (Int64(fraction) ?? 0)
        return negative ? -value : value
    }

    struct Posting: Decodable {
        struct Entry: Decodable {
            var paymentId: String?
            var kind: String
            var amount: String
            var balanceAfter: String
        }
        var stream: String
        var version: Int64
        var data: Entry
    }
}

/// The server `BANK_TEST_POSTGRES` names (a libpq URI); nil skips the PostgreSQL tests.
let testPostgresServer = ProcessInfo.processInfo.environment["BANK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

/// A database of its own on the test server, dropped afterwards (`psql` does both).
struct TestDatabase {
    let name = "e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
    let server: String

    init() throws {
        server = try #require(testPostgresServer)
        try psql("CREATE DATABASE \(name)")
    }

    /// The server's URI with this database in its path.
    var uri: String {
        guard var components = URLComponents(string: server) else { return server }
        components.path = "/" + name
        return components.string ?? server
    }

    func drop() {
        do { try psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } catch {
            Issue.record("dropping \(name): \(error)")
        }
    }

    private func psql(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", server, "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "psql \(sql)")
    }
}

/// A `bank-console` running in the background, its output read a line at a time.
final class RunningCLI: @unchecked Sendable { // the test's own thread is its only user; stderr is drained into a DataBox
    private let process = Process()
    private let output = Pipe()
    private let errorsPipe = Pipe()
    private let errorData = DataBox()
    private let drained = DispatchGroup()
    private var buffer = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = CLIProcess.binary
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errorsPipe
        try process.run()
        let errors = errorsPipe
        let box = errorData
        DispatchQueue.global().async(group: drained) { box.set(errors.fileHandleForReading.readDataToEndOfFile()) }
    }

    /// The next line of standard output, nil at its end.
    func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[(newline + 1)...])
                return line
            }
            let more = output.fileHandleForReading.availableData
            if more.isEmpty {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(more)
        }
    }

    func kill(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
    }

    /// Its exit status (128 + N after signal N).
    func waitForExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// Its standard error, once it has exited.
    func errors() -> String {
        drained.wait()
        return String(decoding: errorData.get(), as: UTF8.self)
    }
}
