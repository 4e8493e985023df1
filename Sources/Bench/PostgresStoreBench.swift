import CLibpq
import Foundation
import PostgresStore
import Store

/// `bank-bench store --backend postgresql://…`: the store figures on PostgreSQL, in a schema of
/// their own (dropped afterwards), plus the server's own baseline in the same run.
///
/// `pg.baseline.insert64` is one-row `INSERT` per transaction (autocommit) from 64 connections
/// on 64 threads: what the server does with the simplest durable write, before any store logic.
enum PostgresStoreBench {
    /// The URI after `--backend`, if given.
    static var backend: String? {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: "--backend"), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func run(uri: String) async throws {
        let clock = ContinuousClock()
        let schema = "bench_\(ProcessInfo.processInfo.processIdentifier)"
        try baseline(uri: uri, schema: schema, clock)
        try await withStore(uri: uri, options: PostgresStoreOptions(schema: schema)) { store in
            try await appendFigures(store, clock, server: ServerCPU(uri: uri))
            try readFigures(store, clock)
        }
        try await withStore(uri: uri, options: PostgresStoreOptions(schema: schema + "_early", visibleBeforeFlush: true)) { store in
            // What the default's guarantee (readers see only durable events) costs: the same
            // appends on a store whose groups commit before their WAL flush.
            StoreBench.report("append.durable.concurrent64.visible_before_flush", try await concurrent64(store, clock, server: ServerCPU(uri: uri), label: "append.durable.concurrent64.visible_before_flush"), "ev/s")
        }
    }

    /// Runs `body` on a store in a schema of its own, then closes it and drops the schema
    /// (also when `body` throws).
    static func withStore(uri: String, options: PostgresStoreOptions, _ body: (PostgresEventStore) async throws -> Void) async throws {
        let store = try PostgresEventStore.open(uri: uri, options: options)
        do {
            try await body(store)
        } catch {
            await store.close()
            try PostgresEventStore.dropSchema(options.schema, uri: uri)
            throw error
        }
        await store.close()
        try PostgresEventStore.dropSchema(options.schema, uri: uri)
    }

    /// 64 tasks appending one event at a time, each waiting for its own durable append. Also
    /// reports the CPU per append of this process (`….client_cpu`) and of the server's backends
    /// on the database (`….server_cpu`, when the server is local): unlike the rate, barely
    /// moved by other work on a shared machine.
    static func concurrent64(_ store: PostgresEventStore, _ clock: ContinuousClock, server: ServerCPU, label: String) async throws -> Double {
        let perWriter = 200
        let serverStart = server.reading()
        let clientStart = CPUTime.process()
        let elapsed = try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<64 {
                    group.addTask {
                        for _ in 0..<perWriter { _ = try await store.append(to: "Writer-\(writer)", expected: .any, events: [StoreBench.event()]) }
                    }
                }
                try await group.waitForAll()
            }
        }
        let appends = Double(64 * perWriter)
        StoreBench.report(label + ".client_cpu", (CPUTime.process() - clientStart) / appends * 1e6, "µs/append")
        if let serverSeconds = ServerCPU.spent(from: serverStart, to: server.reading()) {
            StoreBench.report(label + ".server_cpu", serverSeconds / appends * 1e6, "µs/append")
        }
        return appends / StoreBench.seconds(elapsed)
    }

    // MARK: - Baseline

    static func baseline(uri: String, schema: String, _ clock: ContinuousClock) throws {
        let connections = 64
        let perConnection = 100
        try exec(uri, "CREATE SCHEMA IF NOT EXISTS \(schema)")
        try exec(uri, "CREATE TABLE IF NOT EXISTS \(schema).baseline (id bigserial PRIMARY KEY, data bytea NOT NULL)")
        let start = clock.now
        let group = DispatchGroup()
        let failures = Mutex<[String]>([])
        for _ in 0..<connections {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let connection = PQconnectdb(uri), PQstatus(connection) == CONNECTION_OK else {
                    failures.withLock { $0.append("cannot connect") }
                    return
                }
                defer { PQfinish(connection) }
                let payload = [UInt8](StoreBench.payload)
                for _ in 0..<perConnection {
                    let result = payload.withUnsafeBufferPointer { bytes -> OpaquePointer? in
                        var value: UnsafePointer<CChar>? = UnsafeRawPointer(bytes.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                        var length = Int32(bytes.count)
                        var format: Int32 = 1
                        var type: Oid = 17
                        return PQexecParams(connection, "INSERT INTO \(schema).baseline (data) VALUES ($1)", 1, &type, &value, &length, &format, 0)
                    }
                    let ok = result.map { PQresultStatus($0) == PGRES_COMMAND_OK } ?? false
                    PQclear(result)
                    if !ok {
                        failures.withLock { $0.append(String(cString: PQerrorMessage(connection))) }
                        return
                    }
                }
            }
        }
        group.wait()
        let elapsed = clock.now - start
        if let failure = failures.withLock({ $0.first }) { throw EventStoreError.unavailable("baseline: \(failure)") }
        StoreBench.report("pg.baseline.insert64", Double(connections * perConnection) / StoreBench.seconds(elapsed), "ev/s")
    }

    /// One statement on a connection of its own.
    static func exec(_ uri: String, _ sql: String) throws {
        guard let connection = PQconnectdb(uri), PQstatus(connection) == CONNECTION_OK else {
            throw EventStoreError.unavailable("cannot connect to \(uri)")
        }
        defer { PQfinish(connection) }
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        guard let result, PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw EventStoreError.unavailable(String(cString: PQerrorMessage(connection)))
        }
    }

    // MARK: - Store figures

    static func appendFigures(_ store: PostgresEventStore, _ clock: ContinuousClock, server: ServerCPU) async throws {
        let single = 500
        let singleElapsed = try await clock.measure {
            for n in 0..<single { _ = try await store.append(to: "Single-1", expected: n == 0 ? .noStream : .exact(Int64(n - 1)), events: [StoreBench.event()]) }
        }
        StoreBench.report("append.durable.single", Double(single) / StoreBench.seconds(singleElapsed), "ev/s")

        StoreBench.report("append.durable.concurrent64", try await concurrent64(store, clock, server: server, label: "append.durable.concurrent64"), "ev/s")

        let batches = 100
        let batchElapsed = try await clock.measure {
            for n in 0..<batches {
                _ = try await store.append(to: "Batch-\(n)", expected: .noStream, events: (0..<1000).map { _ in StoreBench.event() })
            }
        }
        StoreBench.report("append.durable.batch1000", Double(batches * 1000) / StoreBench.seconds(batchElapsed), "ev/s")
    }

    /// Reads the whole `$all` (about 113,000 events of 256 bytes) in pages of 4,096, and one
    /// category in pages of 4,096.
    static func readFigures(_ store: PostgresEventStore, _ clock: ContinuousClock) throws {
        var events = 0
        var cpu = 0.0
        let allElapsed = try clock.measure {
            cpu = try StoreBench.threadCPUSeconds {
                var next: Int64 = 0
                while true {
                    let page = try store.read(.all, from: .version(next), direction: .forward, maxCount: 4096)
                    guard let last = page.last else { break }
                    events += page.count
                    next = Int64(last.position) + 1
                }
            }
        }
        StoreBench.report("read.all", Double(events) / StoreBench.seconds(allElapsed), "ev/s")
        // The reader's own CPU (libpq receiving and decoding), without the server's or the wait
        // for a turn on a shared machine.
        StoreBench.report("read.all.client_cpu", Double(events) / cpu, "ev/s")
        var categoryEvents = 0
        let categoryElapsed = try clock.measure {
            var next: Int64 = 0
            while true {
                let page = try store.read(.category("Batch"), from: .version(next), direction: .forward, maxCount: 4096)
                guard let last = page.last else { break }
                categoryEvents += page.count
                next = (last.link?.version ?? next) + 1
            }
        }
        StoreBench.report("read.category", Double(categoryEvents) / StoreBench.seconds(categoryElapsed), "ev/s")
    }
}

import Synchronization
