import CLibpq
import Core
import Foundation
import PostgresStore
import Store

/// `bank-bench payments --backend postgresql://…`: the settled-payment flood on PostgreSQL, the
/// way `bank-console run` uses it (a shared writer; the processors split across processes by
/// lease), in a schema of its own (dropped afterwards).
///
/// `payments.settled`: one process sends `BANK_BENCH_PAYMENTS` (default 5,000) valid inbound
/// payments and runs every processor; the figure is payments settled per second of wall time,
/// from the first payment sent (the processors' groups are created and running before it).
/// `payments.settled.3proc`: the same with two more `bank-bench payments-member` processes on
/// the schema sharing the processors' partitions (started, and holding their leases, before the
/// clock starts).
enum PostgresPaymentsBench {
    static func run(uri: String) async throws {
        let count = ProcessInfo.processInfo.environment["BANK_BENCH_PAYMENTS"].flatMap(Int.init) ?? 5_000
        for members in [1, 3] {
            let schema = "bench_pay_\(ProcessInfo.processInfo.processIdentifier)_\(members)"
            let (rate, perCommit, cpu) = try await settled(count: count, processes: members, uri: uri, schema: schema)
            let name = "payments.settled\(members == 1 ? "" : ".\(members)proc")"
            print("\(name)\t\(Int(rate))\tpayments/s")
            if let perCommit { StoreBench.report(name + ".events_per_commit", perCommit, "ev") }
            let perPayment = { (seconds: Double) in seconds / Double(count) * 1e6 }
            StoreBench.report(name + ".client_cpu", perPayment(cpu.client.values.reduce(0, +)), "µs/payment")
            if let server = cpu.server { StoreBench.report(name + ".server_cpu", perPayment(server.values.reduce(0, +)), "µs/payment") }
            // Where it went, process by process (the main one follows the log and sends the
            // payments; members only process): what a second process duplicates shows here.
            guard members > 1 else { continue }
            for process in cpu.client.keys.sorted() {
                StoreBench.report(name + ".client_cpu." + process, perPayment(cpu.client[process] ?? 0), "µs/payment")
                if let server = cpu.server?[process] { StoreBench.report(name + ".server_cpu." + process, perPayment(server), "µs/payment") }
            }
        }
    }

    static func options(_ schema: String, clock: any StoreClock) -> PostgresStoreOptions {
        PostgresStoreOptions(schema: schema, clock: clock, readConnections: 8, access: .sharedWriter)
    }

    /// Payments settled per second with `processes` processes sharing the processors, and the
    /// events per writing transaction (each a WAL flush under the write lock), if it could be read.
    ///
    /// Also the CPU spent meanwhile by the bench's processes (`client`, the members' read from
    /// `/proc`) and by the server's backends on the database (`server`, when it is local): unlike
    /// the rate, barely moved by other work on a shared machine. Both by process: `main`, then
    /// `member1`, `member2`… (each process connects under that `application_name`).
    static func settled(count: Int, processes: Int, uri: String,
                        schema: String) async throws -> (Double, Double?, (client: [String: Double], server: [String: Double]?)) {
        let clock = SystemClock()
        let store = try PostgresEventStore.open(uri: ServerCPU.tagged(uri, "main"), options: options(schema, clock: clock))
        let configuration = BankConfiguration(seed: 1, simulator: SimulatorSettings(ratePerSecond: 0, mix: SimulatorSettings.validOnly))
        let bank = try await Bank(store: store, clock: clock, configuration: configuration)
        var members: [(Process, Pipe)] = []
        defer {
            for (process, input) in members {
                try? input.fileHandleForWriting.close()
                process.waitUntilExit()
            }
        }
        for number in 1..<processes {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = ["payments-member", "--backend", ServerCPU.tagged(uri, "member\(number)"), "--schema", schema]
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            members.append((process, input))
            // Its line says its processors run (and hold their share).
            _ = output.fileHandleForReading.availableData
        }
        let changes = bank.changes()
        // The processors start (their groups created, their partitions leased) before the
        // clock, as the members' do: the figure is the flow of payments, not the setup.
        try await bank.startProcessors()
        try await settledShares(processes: processes, uri: uri, schema: schema)
        let server = ServerCPU(uri: uri)
        func clientCPU() -> [String: Double] {
            members.enumerated().reduce(into: ["main": CPUTime.process()]) { seconds, member in
                seconds["member\(member.offset + 1)"] = ServerCPU.cpuSeconds(of: member.element.0.processIdentifier) ?? 0
            }
        }
        let serverStart = server.reading()
        let clientStart = clientCPU()
        let timer = ContinuousClock()
        let start = timer.now
        var sent = 0
        while sent < count {
            let size = min(500, count - sent)
            try await bank.simulator.sendNext(size)
            sent += size
        }
        if bank.readModels.payments.count(of: .settled) < count {
            for await _ in changes where bank.readModels.payments.count(of: .settled) >= count { break }
        }
        let elapsed = timer.now - start
        let cpu = (client: clientCPU().merging(clientStart, uniquingKeysWith: -),
                   server: ServerCPU.spentByApplication(from: serverStart, to: server.reading()))
        await bank.close()
        await store.close()
        for (_, input) in members { try? input.fileHandleForWriting.close() }
        for (process, _) in members { process.waitUntilExit() }
        members = []
        let perCommit = eventsPerTransaction(uri: uri, schema: schema)
        try PostgresEventStore.dropSchema(schema, uri: uri)
        return (Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), perCommit, cpu)
    }

    /// Returns once every one of the `processes` holds its share of the processors' partitions
    /// (and the rest none), so none is moved while the clock runs: a member that starts first
    /// takes every partition and gives up the excess only at its next look, and until the last
    /// process has its share one process does the work of two, and each partition that moves is
    /// stopped, checkpointed and reopened mid-flood, redelivering what was not checkpointed.
    static func settledShares(processes: Int, uri: String, schema: String) async throws {
        let count = Bank.processorPartitions
        let share = (count + processes - 1) / processes
        for _ in 0..<400 {
            let held = try PostgresEventStore.partitionsHeld(uri: uri, schema: schema, scope: "processors")
            if held.count == processes && held.reduce(0, +) == count && held.allSatisfy({ $0 == share }) { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        FileHandle.standardError.write(Data("bank-bench payments: the partitions did not settle in 10 s; timing anyway\n".utf8))
    }

    /// The events of the schema per transaction that wrote them (`tx`).
    static func eventsPerTransaction(uri: String, schema: String) -> Double? {
        guard let connection = PQconnectdb(uri), PQstatus(connection) == CONNECTION_OK else { return nil }
        defer { PQfinish(connection) }
        guard let result = PQexec(connection, "SELECT (count(*)::float8 / greatest(count(DISTINCT tx), 1))::text FROM \(schema).events") else { return nil }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK, let value = PQgetvalue(result, 0, 0) else { return nil }
        return Double(String(cString: value))
    }

    /// `payments-member --backend URI --schema S`: runs the bank's processors on the schema until
    /// standard input closes; prints one line once they run.
    static func member() async throws {
        let arguments = CommandLine.arguments
        guard let uri = PostgresStoreBench.backend, let index = arguments.firstIndex(of: "--schema"), index + 1 < arguments.count else {
            FileHandle.standardError.write(Data("bank-bench payments-member: --backend URI --schema S\n".utf8))
            exit(2)
        }
        let clock = SystemClock()
        let store = try PostgresEventStore.open(uri: uri, options: options(arguments[index + 1], clock: clock))
        let bank = try await Bank(store: store, clock: clock, configuration: BankConfiguration(seed: 1, seedWhenEmpty: false, followsLog: false))
        try await bank.startProcessors()
        FileHandle.standardOutput.write(Data("member running\n".utf8))
        // Blocks until the parent closes the pipe (or dies).
        _ = await Task.detached { FileHandle.standardInput.readDataToEndOfFile() }.value
        await bank.close()
        await store.close()
    }
}
