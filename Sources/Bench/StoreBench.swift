import Foundation
import Store
import Synchronization

/// `bank-bench store`: the durable file store on a fresh temporary directory with real fdatasync.
enum StoreBench {
    static let payload = Data(repeating: 0x61, count: 256)

    static func report(_ name: String, _ value: Double, _ unit: String) {
        let text = value >= 100 ? String(Int(value.rounded())) : String(format: "%.2f", value)
        print("\(name)\t\(text)\t\(unit)")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func temporaryDirectory(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("bank-bench-\(name)-\(ProcessInfo.processInfo.processIdentifier)")
    }

    static func remove(_ url: URL) {
        do { try FileManager.default.removeItem(at: url) } catch { /* not there */ }
    }

    /// Ids from a counter: `UUID()` reads the system's random source, which would be measured too.
    static let nextId = Atomic<UInt64>(1)

    static func event(_ type: String = "Bench") -> EventData {
        let n = nextId.add(1, ordering: .relaxed).oldValue
        var bytes: uuid_t = (0x42, 0x45, 0x4E, 0x43, 0x48, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { $0.storeBytes(of: n.bigEndian, toByteOffset: 8, as: UInt64.self) }
        return EventData(id: UUID(uuid: bytes), type: type, data: payload)
    }

    /// Resident set size of this process in bytes.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = text.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Reads the whole of `$all` forwards in pages of `pageSize` (what `read.all` measures, on
    /// either backend); how many events it read.
    static func readAll<S: EventStore>(_ store: S, pageSize: Int = 4096) throws(EventStoreError) -> Int {
        var count = 0
        var next: Int64 = 0
        while case let page = try store.read(.all, from: .version(next), direction: .forward, maxCount: pageSize), let last = page.last {
            count += page.count
            next = Int64(last.position) + 1
        }
        return count
    }

    /// Seconds of CPU this thread spent in `body`: unlike the wall clock, barely moved by other
    /// processes taking turns on a shared machine (the reads measured with it never suspend).
    static func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        try body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    /// `STORE_BENCH_SKIP_APPENDS=1` runs only the 1M-store figures (for profiling reads).
    static let skipAppends = ProcessInfo.processInfo.environment["STORE_BENCH_SKIP_APPENDS"] == "1"

    static func run() async throws {
        let clock = ContinuousClock()
        let buffer = [UInt8](repeating: 0xA5, count: 64 << 20)
        var crc: UInt32 = 0
        let crcElapsed = clock.measure { buffer.withUnsafeBytes { crc = CRC32C.checksum($0) } }
        precondition(crc != 0, "the checksum of non-zero bytes")
        report("crc32c.throughput", Double(buffer.count) / seconds(crcElapsed) / 1e6, "MB/s")
        // One checksum per record, as reads do: the 1M store's records carry 336-byte payloads.
        let recordPayload = 336
        var records: UInt32 = 0
        let recordElapsed = clock.measure {
            buffer.withUnsafeBytes { bytes in
                for start in stride(from: 0, to: bytes.count - recordPayload, by: recordPayload) {
                    records ^= CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + recordPayload)]))
                }
            }
        }
        precondition(records != 1, "the checksums are used")
        report("crc32c.record336", Double(buffer.count / recordPayload) / seconds(recordElapsed), "records/s")
        if !skipAppends { try await appendFigures(clock) }
        try await tailFigures(clock, tailCacheEvents: 16_384, suffix: "")
        try await tailFigures(clock, tailCacheEvents: 0, suffix: ".uncached")
        try await millionFigures(clock)
    }

    /// Reads of the log's tail by a store that has just written it, as subscriptions and
    /// followers read right behind the appends: `$all` and `$et-X` pages of 100 over the last
    /// 10,000 events (which the writer's tail cache holds, unless `tailCacheEvents` is 0).
    static func tailFigures(_ clock: ContinuousClock, tailCacheEvents: Int, suffix: String) async throws {
        let url = temporaryDirectory("tail")
        defer { remove(url) }
        let store = try FileEventStore.open(directory: url, options: FileStoreOptions(durability: .os, tailCacheEvents: tailCacheEvents))
        let types = ["InboundPaymentReceived", "InboundPaymentValidated", "InboundPaymentBalanceUpdated", "InboundPaymentSettled"]
        for n in 0..<2_500 {
            _ = try await store.append(to: "InboundPayment-\(n)-0123456789abcdef", expected: .noStream, events: types.map { event($0) })
        }
        let rounds = 100
        var events = 0
        let allElapsed = try clock.measure {
            for _ in 0..<rounds {
                var next = Int64(store.headPosition) - 10_000
                while true {
                    let page = try store.read(.all, from: .version(next), direction: .forward, maxCount: 100)
                    guard let last = page.last else { break }
                    events += page.count
                    next = Int64(last.position) + 1
                }
            }
        }
        report("read.tail.all" + suffix, Double(events) / seconds(allElapsed), "ev/s")
        events = 0
        let typeElapsed = try clock.measure {
            for _ in 0..<rounds {
                var next: Int64 = 0
                while true {
                    let page = try store.read(.eventType("InboundPaymentValidated"), from: .version(next), direction: .forward, maxCount: 100)
                    guard let last = page.last?.link else { break }
                    events += page.count
                    next = last.version + 1
                }
            }
        }
        report("read.tail.eventType" + suffix, Double(events) / seconds(typeElapsed), "ev/s")
        await store.close()
    }

    /// The disk's own bound: a 4 KiB pwrite + fdatasync on a pre-allocated file, without the store.
    static func diskFigure(_ clock: ContinuousClock) throws {
        let url = temporaryDirectory("disk")
        defer { remove(url) }
        let fs = PosixFileSystem()
        try fs.createDirectory(url.path)
        let file = try fs.open(url.path + "/probe", mode: .create)
        defer { file.close() }
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let filled = zeros.withUnsafeBytes { bytes in Result { () throws(EventStoreError) in try file.write(bytes, at: 0) } }
        try filled.get()
        try file.sync()
        let block = [UInt8](repeating: 0x5A, count: 4096)
        let rounds = 200
        let elapsed = try clock.measure {
            for n in 0..<rounds {
                let written = block.withUnsafeBytes { bytes in
                    Result { () throws(EventStoreError) in try file.write(bytes, at: UInt64(n % 256) * 4096) }
                }
                try written.get()
                try file.sync()
            }
        }
        report("disk.fdatasync.latency", seconds(elapsed) / Double(rounds) * 1e6, "us")
    }

    static func appendFigures(_ clock: ContinuousClock) async throws {
        try diskFigure(clock)
        // One appender, each append awaited.
        do {
            let url = temporaryDirectory("single")
            defer { remove(url) }
            let store = try FileEventStore.open(directory: url)
            let count = 2_000
            let elapsed = try await clock.measure {
                for n in 0..<count { _ = try await store.append(to: "Single-1", expected: n == 0 ? .noStream : .exact(Int64(n - 1)), events: [event()]) }
            }
            await store.close()
            report("append.durable.single", Double(count) / seconds(elapsed), "ev/s")
        }

        // 64 concurrent appenders, one 256-byte event each per append.
        do {
            let url = temporaryDirectory("concurrent")
            defer { remove(url) }
            let store = try FileEventStore.open(directory: url)
            let perWriter = 3_000
            let elapsed = try await appendConcurrently(to: store, writers: 64, perWriter: perWriter, clock)
            let statistics = store.writerStatistics
            await store.close()
            report("append.durable.concurrent64", Double(64 * perWriter) / seconds(elapsed), "ev/s")
            report("append.durable.concurrent64.events_per_sync", Double(statistics.events) / Double(max(1, statistics.groups)), "ev")
            report("fdatasync.rate", Double(statistics.groups) / seconds(elapsed), "syncs/s")
        }

        // The same without fdatasync: what the writer costs when the disk is not the bound.
        do {
            let url = temporaryDirectory("concurrent-os")
            defer { remove(url) }
            let store = try FileEventStore.open(directory: url, options: FileStoreOptions(durability: .os))
            let perWriter = 3_000
            let elapsed = try await appendConcurrently(to: store, writers: 64, perWriter: perWriter, clock)
            await store.close()
            report("append.os.concurrent64", Double(64 * perWriter) / seconds(elapsed), "ev/s")
        }

        // Appends of 1000 events of 256 bytes.
        do {
            let url = temporaryDirectory("batch")
            defer { remove(url) }
            let store = try FileEventStore.open(directory: url)
            let batch = (0..<1000).map { _ in event() }
            let batches = 300
            let elapsed = try await clock.measure {
                for n in 0..<batches { _ = try await store.append(to: "Batch-\(n)", expected: .noStream, events: batch) }
            }
            await store.close()
            report("append.durable.batch1000", Double(batches * 1000) / seconds(elapsed), "ev/s")
        }
    }

    /// Builds a 1M-event store (10,000 streams of 100 events, interleaved in the log; written
    /// with `.os` durability to keep the bench short, as these figures are about reading), then
    /// measures reopening, index memory and reads.
    /// How long `writers` concurrent appenders take to append `perWriter` single-event appends
    /// each, every writer to a stream of its own (`Writer-n`).
    static func appendConcurrently(to store: FileEventStore, writers: Int, perWriter: Int, _ clock: ContinuousClock) async throws -> Duration {
        try await clock.measure {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for _ in 0..<perWriter { _ = try await store.append(to: "Writer-\(writer)", expected: .any, events: [event()]) }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    static func millionFigures(_ clock: ContinuousClock) async throws {
        // A 1M-event store: 10,000 streams of 100 events, interleaved in the log.
        let url = temporaryDirectory("million")
        defer { remove(url) }
        let streams = 10_000
        let rounds = 100
        do {
            let store = try FileEventStore.open(directory: url, options: FileStoreOptions(durability: .os))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<64 {
                    group.addTask {
                        for round in 0..<rounds {
                            for stream in stride(from: writer, to: streams, by: 64) {
                                _ = try await store.append(to: "Account-\(stream)", expected: round == 0 ? .noStream : .exact(Int64(round - 1)),
                                                           events: [event(round % 2 == 0 ? "Credited" : "Debited")])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            await store.close()
        }

        let before = residentBytes()
        var store: FileEventStore?
        let openElapsed = try clock.measure { store = try FileEventStore.open(directory: url) }
        guard let store else { return }
        let after = residentBytes()
        let events = Double(store.headPosition)
        report("open.1m", seconds(openElapsed) * 1000, "ms")
        report("memory.index.per_event", Double(after - before) / events, "B")

        var random = SystemRandomNumberGenerator()
        let reads = 30_000
        var readCPU = 0.0
        let readElapsed = try clock.measure {
            readCPU = try threadCPUSeconds {
                for _ in 0..<reads {
                    let events = try store.read("Account-\(Int.random(in: 0..<streams, using: &random))")
                    precondition(events.count == rounds, "a stream lost events")
                }
            }
        }
        report("read.stream100", Double(reads) / seconds(readElapsed), "reads/s")
        report("read.stream100.cpu", Double(reads) / readCPU, "reads/cpu-s")

        var scanned = 0
        var scanCPU = 0.0
        let scanElapsed = try clock.measure {
            scanCPU = try threadCPUSeconds { scanned = try readAll(store) }
        }
        precondition(scanned == Int(events), "$all scan saw \(scanned) of \(Int(events))")
        report("read.all", Double(scanned) / seconds(scanElapsed), "ev/s")
        report("read.all.cpu", Double(scanned) / scanCPU, "ev/cpu-s")
        try readAllFields(store)
        await store.close()
    }

    /// `read.all.fields`: `read.all` (the whole store read forward through `$all` in pages of
    /// 4,096, as a projection catching up reads it) with every event's fields touched (its
    /// stream, type and bytes), as any reader of them does.
    static func readAllFields(_ store: FileEventStore, label: String = "read.all.fields") throws {
        let clock = ContinuousClock()
        var totals = (events: 0, bytes: 0, names: 0)
        var cpu = 0.0
        let elapsed = try clock.measure {
            cpu = try threadCPUSeconds {
                var from: Int64 = 0
                while case let page = try store.read(.all, from: .version(from), direction: .forward, maxCount: 4096), let last = page.last {
                    for event in page {
                        totals.bytes &+= event.data.count &+ event.metadata.count
                        totals.names &+= event.stream.utf8.count &+ event.type.utf8.count
                    }
                    totals.events += page.count
                    from = Int64(last.position) + 1
                }
            }
        }
        precondition(totals.events == Int(store.headPosition), "$all with fields saw \(totals.events) of \(store.headPosition)")
        precondition(totals.bytes > 0 && totals.names > 0, "the events' fields were read")
        report(label, Double(totals.events) / seconds(elapsed), "ev/s")
        report(label + ".cpu", Double(totals.events) / cpu, "ev/cpu-s")
    }

    /// `bank-bench read-all`: only `read.all` and `read.all.fields`, on a 1M store shaped as `millionFigures`' (10,000
    /// streams of 100 events, interleaved) but written in large batches, so that it is quick to
    /// profile. `READ_ALL_SCANS=n` scans it n times (default 3); `READ_ALL_DIR=path` keeps the
    /// store there, built by the first run and only read by the next ones.
    static func readAllOnly() async throws {
        let environment = ProcessInfo.processInfo.environment
        let kept = environment["READ_ALL_DIR"].map { URL(fileURLWithPath: $0) }
        let url = kept ?? temporaryDirectory("read-all")
        if kept == nil { remove(url) }
        defer { if kept == nil { remove(url) } }
        let streams = 10_000, rounds = 100
        if kept == nil || !FileManager.default.fileExists(atPath: url.path) {
            let store = try FileEventStore.open(directory: url, options: FileStoreOptions(durability: .os))
            for round in 0..<rounds {
                for first in stride(from: 0, to: streams, by: 2_000) {
                    let appends = (first..<(first + 2_000)).map { stream in
                        StreamAppend(stream: "Account-\(stream)", expected: round == 0 ? .noStream : .exact(Int64(round - 1)),
                                     events: [event(round % 2 == 0 ? "Credited" : "Debited")])
                    }
                    for result in await store.append(appends) {
                        if case .failure(let error) = result { throw error }
                    }
                }
            }
            await store.close()
        }
        let store = try FileEventStore.open(directory: url)
        let scans = Int(environment["READ_ALL_SCANS"] ?? "") ?? 3
        for _ in 0..<max(1, scans) {
            // The store suite's `read.all` (pages only), then the same with every field touched.
            let clock = ContinuousClock()
            var scanned = 0
            var scanCPU = 0.0
            let elapsed = try clock.measure { scanCPU = try threadCPUSeconds { scanned = try readAll(store) } }
            report("read.all", Double(scanned) / seconds(elapsed), "ev/s")
            report("read.all.cpu", Double(scanned) / scanCPU, "ev/cpu-s")
            try readAllFields(store)
        }
        await store.close()
    }
}
