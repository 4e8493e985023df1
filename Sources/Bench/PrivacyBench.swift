/// `bank-bench pii`: `pii.settled`, the `payments.settled` flood with personal data sealed —
/// each name on a payment, its holder and its ledger description encrypted (AES-256-GCM) with
/// the account holder's key from `keys/` as it is written, and opened where a reader decodes it.
/// Same knobs as `payments.settled` (`BANK_BENCH_PAYMENTS`, `BANK_BENCH_DURABILITY=os`, ...;
/// `BANK_BENCH_STORE=memory` has no key store, so it measures nothing sealed).
enum PrivacyBench {
    static func run() async throws {
        try await BankBench.paymentsSettled(figure: "pii.settled", sealsPersonalData: true)
    }
}
