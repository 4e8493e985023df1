import Core
import Foundation
import Store

/// `bank-bench iso20022`: importing ISO 20022 `pacs.008` messages.
///
/// The messages are the simulator's own (seed 1, valid payments only, one transaction per
/// message, `Pacs008Writer`), written to memory first, so neither drawing them nor a disk read
/// is timed. `pacs008.parse`: messages read and checked per second on one core
/// (`XMLBytesReader`; Foundation's `XMLParser` only for what it is unsure of). `pacs008.import`:
/// messages per second as `import-payments` takes them: read and checked on every core
/// (`Pacs008Reader.readAll`), then through `Bank.importPayments` on a durable (fsync)
/// `FileEventStore` — the duplicate check and the appends to the `Scheme-*` streams — with the
/// processors stopped, so the bank's own processing of the payments (`bank-bench payments`) is
/// not in it. `pacs008.import.cpu`: the same per second of the process's CPU time (every
/// thread), steady on a busy machine. `BANK_BENCH_MESSAGES` (default 20000).
enum Pacs008Bench {
    static func run() async throws {
        let count = ProcessInfo.processInfo.environment["BANK_BENCH_MESSAGES"].flatMap(Int.init) ?? 20_000
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-bench-pacs008-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = BankConfiguration(seed: 1, simulator: SimulatorSettings(ratePerSecond: 0, mix: SimulatorSettings.validOnly))
        let bank = try await Bank.open(directory: directory, clock: SystemClock(), durability: .fsync, configuration: configuration)
        let created = Date(timeIntervalSince1970: 1_780_000_000)
        let documents = try bank.simulator.next(count).compactMap { _, message -> Data? in
            guard case .payment(var payment) = message else { return nil }
            let messageId = "BENCH" + payment.paymentId.uuidString.replacingOccurrences(of: "-", with: "").prefix(30)
            payment.iso = IsoPaymentIds(messageId: messageId, endToEndId: "E2E-\(payment.paymentId.uuidString.prefix(8))",
                                        uetr: payment.paymentId.uuidString.lowercased())
            return Data(Pacs008Writer.document([payment], messageId: messageId, created: created).utf8)
        }
        let clock = ContinuousClock()
        var start = clock.now
        var parsed = 0
        for document in documents {
            if case .success = Pacs008Reader.read(document) { parsed += 1 }
        }
        let parseSeconds = seconds(clock.now - start)
        guard parsed == documents.count else { throw BenchFailure(description: "\(documents.count - parsed) of the bench's messages were refused") }
        print("pacs008.parse\t\(Int(Double(parsed) / parseSeconds))\tmessages/s")
        print("pacs008.bytes\t\(documents.reduce(0) { $0 + $1.count } / max(1, documents.count))\tbytes/message")

        start = clock.now
        let cpuAtImport = CPUTime.process()
        var messages: [Pacs008Message] = []
        messages.reserveCapacity(documents.count)
        for read in await Pacs008Reader.readAll(documents) { messages.append(try read.get()) }
        var imported = 0
        for first in stride(from: 0, to: messages.count, by: SchemeSimulator.batchLimit) {
            imported += try await bank.importPayments(Array(messages[first..<min(messages.count, first + SchemeSimulator.batchLimit)])).count
        }
        let importSeconds = seconds(clock.now - start)
        let importCPU = CPUTime.process() - cpuAtImport
        print("pacs008.import\t\(Int(Double(imported) / importSeconds))\tmessages/s")
        print("pacs008.import.cpu\t\(Int(Double(imported) / importCPU))\tmessages/cpu-s")
        await bank.close()
    }

    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
