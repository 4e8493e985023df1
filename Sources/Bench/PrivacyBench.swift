import Core
import Foundation

/// `bank-bench pii`: the cost of sealing personal data.
///
/// - `pii.settled`: the `payments.settled` flood with personal data sealed — each name on a
///   payment, its holder and its ledger description encrypted (AES-256-GCM) with the account
///   holder's key from `keys/` as it is written, and opened where a reader decodes it. Same
///   knobs as `payments.settled` (`BANK_BENCH_PAYMENTS`, `BANK_BENCH_DURABILITY=os`, ...;
///   `BANK_BENCH_STORE=memory` has no key store, so nothing is sealed there).
/// - `pii.seal.field.cpu` / `pii.open.field.cpu`: CPU time of this thread per name sealed or
///   opened (a 20-character name, key cached), steady on a busy machine; a settling inbound
///   payment seals 6 fields (scheme event and received event: 2 names each; holder; ledger
///   description).
enum PrivacyBench {
    static func run() async throws {
        try await BankBench.paymentsSettled(figure: "pii.settled", sealsPersonalData: true)
        try perField()
    }

    static func perField() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-bench-pii-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let personalData = PersonalData(keys: FileCustomerKeyStore(directory: directory, durable: false))
        guard let account = AccountID(sortCode: "401234", accountNumber: "10000329") else { return }
        let owner = KeyOwner.customer(account), context = "InboundPaymentReceived/from/name"
        let rounds = 50_000
        var sealed: [String] = []
        sealed.reserveCapacity(rounds)
        _ = try personalData.seal("warm up", owner: owner, context: context)
        let sealStart = threadCPUSeconds()
        for index in 0..<rounds { sealed.append(try personalData.seal("Katarzyna Abbott \(index % 1000)", owner: owner, context: context)) }
        let sealEnd = threadCPUSeconds()
        var opened = 0
        for text in sealed {
            if case .text = personalData.open(sealed: Substring(text), context: context) { opened += 1 }
        }
        let openEnd = threadCPUSeconds()
        guard opened == rounds, let sealStart, let sealEnd, let openEnd else {
            FileHandle.standardError.write(Data("bank-bench pii: \(rounds - opened) of \(rounds) sealed names did not open\n".utf8))
            return
        }
        print(String(format: "pii.seal.field.cpu\t%.2f\tus", (sealEnd - sealStart) / Double(rounds) * 1e6))
        print(String(format: "pii.open.field.cpu\t%.2f\tus", (openEnd - sealEnd) / Double(rounds) * 1e6))
    }

    /// CPU time the calling thread has used, in seconds (nil where the clock is unavailable).
    private static func threadCPUSeconds() -> Double? {
        var spec = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec) == 0 else { return nil }
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
