import Core
import Foundation
import Store

/// `bank-bench bank`: the bank end to end.
///
/// `payments.settled`: the simulator floods the bank with valid inbound payments while every
/// processor runs as competing consumers on a durable (fsync) `FileEventStore`; the figure is
/// payments fully settled (ledger credited, `InboundPaymentBalanceUpdated` written) per second
/// of wall time (bank opening and seeding excluded). Environment knobs:
/// `BANK_BENCH_PAYMENTS` (default 20,000), `BANK_BENCH_DURABILITY=os` (no fsync),
/// `BANK_BENCH_CONSUMERS` (consumers per processor group; default the bank's, 2),
/// `BANK_BENCH_STORE=memory` (in-memory store), `BANK_BENCH_DRIVER=pump` (one in-order pump
/// instead of the competing consumers), `BANK_BENCH_VERBOSE` (progress, and the writer's events,
/// commits and append requests per payment, on stderr).
///
/// With it, `payments.settled.cpu`: the process's CPU time (user and system, every thread: the
/// simulator, the processors, the writer, the read-model follower) per payment settled over the
/// same window, and `payments.settled.cores`: that CPU time over the wall time, the cores kept
/// busy. On a shared machine the wall-time figure follows the load; these two do much less.
/// `bank-bench payments` runs this figure alone (`bank` adds the models suite).
enum BankBench {
    static func run() async throws {
        try await paymentsSettled()
    }

    /// - Parameter sealsPersonalData: seal the names with per-customer keys (`pii.settled`).
    static func paymentsSettled(figure: String = "payments.settled", sealsPersonalData: Bool = false) async throws {
        let count = ProcessInfo.processInfo.environment["BANK_BENCH_PAYMENTS"].flatMap(Int.init) ?? 20_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let consumers = ProcessInfo.processInfo.environment["BANK_BENCH_CONSUMERS"].flatMap(Int.init) ?? BankConfiguration().consumersPerGroup
        let configuration = BankConfiguration(seed: 1, simulator: SimulatorSettings(ratePerSecond: 0, mix: SimulatorSettings.validOnly),
                                              consumersPerGroup: consumers)
        let durability: Durability = ProcessInfo.processInfo.environment["BANK_BENCH_DURABILITY"] == "os" ? .os : .fsync
        let bank: Bank
        if ProcessInfo.processInfo.environment["BANK_BENCH_STORE"] == "memory" {
            bank = try await Bank(store: MemoryEventStore(clock: SystemClock()), clock: SystemClock(), configuration: configuration, ownsStore: true)
        } else {
            bank = try await Bank.open(directory: directory, clock: SystemClock(), durability: durability, configuration: configuration,
                                       sealsPersonalData: sealsPersonalData)
        }
        let verbose = ProcessInfo.processInfo.environment["BANK_BENCH_VERBOSE"] != nil
        let changes = bank.changes()
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = CPUTime.process()
        let writtenBefore = (bank.store as? FileEventStore)?.writerStatistics ?? WriterStatistics()
        let usePump = ProcessInfo.processInfo.environment["BANK_BENCH_DRIVER"] == "pump"
        if !usePump { try await bank.startProcessors() }
        let batch = 500
        var sent = 0
        while sent < count {
            let size = min(batch, count - sent)
            try await bank.simulator.sendNext(size)
            sent += size
        }
        if verbose { FileHandle.standardError.write(Data("sent after \(clock.now - start)\n".utf8)) }
        if usePump {
            try await ProcessorPump(store: bank.store, processors: bank.processors).run()
        }
        if verbose { FileHandle.standardError.write(Data("processed after \(clock.now - start)\n".utf8)) }
        if bank.readModels.payments.count(of: .settled) < count {
            for await position in changes {
                let settled = bank.readModels.payments.count(of: .settled)
                if verbose { FileHandle.standardError.write(Data("settled \(settled) position \(position) head \(bank.store.headPosition)\n".utf8)) }
                if settled >= count { break }
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("\(figure)\t\(Int(Double(count) / seconds))\tpayments/s")
        // The process's CPU time over the same window: steady on a busy machine, where wall time is not.
        let cpu = CPUTime.process() - cpuStart
        print("\(figure).cpu\t" + String(format: "%.1f", cpu / Double(count) * 1e6) + "\tus/payment")
        print("\(figure).cores\t" + String(format: "%.2f", cpu / seconds) + "\tcores busy")
        if verbose, let file = bank.store as? FileEventStore {
            // What the flood cost the writer: events, commits (one sync each) and append requests per payment.
            let written = file.writerStatistics
            let perPayment = { (value: KeyPath<WriterStatistics, UInt64>) in
                String(format: "%.2f", Double(written[keyPath: value] - writtenBefore[keyPath: value]) / Double(count))
            }
            FileHandle.standardError.write(Data(("\(figure): per payment \(perPayment(\.events)) events, "
                + "\(perPayment(\.groups)) commits, \(perPayment(\.requests)) append requests\n").utf8))
        }
        await bank.close()
    }
}
