import Foundation
import Store
import Testing
@testable import Core
@testable import PostgresStore

/// Three banks on one database, each on a store of its own, stand for three processes: they
/// split the processors' partitions by lease, and every payment comes to rest exactly once.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(3)))
struct SharedBankTests {
    @Test func threeBanksShareTheProcessingAndEveryPaymentIsPostedExactlyOnce() async throws {
        let fixture = try PostgresFixture(access: .sharedWriter)
        let clock = ManualClock()
        let first = try await Bank(store: fixture.store, clock: clock, configuration: BankConfiguration(consumersPerGroup: 1, subscriptionTick: nil))
        var others: [(PostgresEventStore, Bank)] = []
        for _ in 0..<2 {
            let store = try PostgresEventStore.open(uri: fixture.uri, options: PostgresStoreOptions(schema: fixture.schema, clock: clock,
                                                                                                   readConnections: 2, access: .sharedWriter))
            others.append((store, try await Bank(store: store, clock: clock,
                                                 configuration: BankConfiguration(consumersPerGroup: 1, seedWhenEmpty: false, subscriptionTick: nil,
                                                                                  followsLog: false))))
        }
        let banks = [first] + others.map(\.1)
        for bank in banks { try await bank.startProcessors() }
        try await eventually("the six partitions spread two each") { banks.map(partitions) == [2, 2, 2] }

        let sent = try await first.simulator.sendNext(40)
        // Every message but a poison one is a payment: inbound from the scheme, or a customer's own payment out.
        let payments = sent.filter { if case .poison = $0 { false } else { true } }.count
        // One member leaves while payments are on their way: the other two take its partitions
        // over from its checkpoints.
        try await waitForPayments(first) { $0.payments.count >= 10 }
        await banks[2].stopProcessors()
        try await eventually("the two left hold three partitions each") { banks.prefix(2).map(partitions) == [3, 3] }
        try await waitForPayments(first) { $0.payments.count == payments && RunCommandCounts.inFlight($0) == 0 }

        // Exactly once: one posting per payment and kind, and every ledger's balances chain.
        let postings = try fixture.store.read(.eventType(LedgerEntryPosted.eventType))
        var seen = Set<String>()
        var balances: [String: Money] = [:]
        for posting in postings {
            let entry = try JSONDecoder.bank.decode(LedgerEntryPosted.self, from: posting.data)
            if let payment = entry.paymentId {
                #expect(seen.insert("\(payment) \(entry.kind)").inserted, "posted twice: \(payment) \(entry.kind)")
            }
            let before = balances[posting.stream] ?? Money(pence: 0)
            #expect(entry.kind == .openingBalance || before.adding(entry.amount) == entry.balanceAfter, "\(posting.stream)@\(posting.version)")
            balances[posting.stream] = entry.balanceAfter
        }
        let credited = postings.count { (try? JSONDecoder.bank.decode(LedgerEntryPosted.self, from: $0.data))?.kind == .inboundPayment }
        #expect(credited == first.readModels.payments.count(of: .settled))
        #expect(first.readModels.payments.count(of: .settled) > 0)
        // Both remaining members did some of the work.
        for bank in banks.prefix(2) {
            #expect(bank.subscriptions.stats().reduce(0) { $0 + $1.acked } > 0)
        }

        for bank in banks { await bank.close() }
        for (store, _) in others { await store.close() }
        try await fixture.finish()
    }

    /// How many partitions a bank's processors hold (0 when they are not the shared runner).
    private func partitions(_ bank: Bank) -> Int {
        (bank.state.withLock { $0.runner } as? SharedProcessorRunner)?.partitions.count ?? 0
    }

    /// Waits for the bank's read models to satisfy `condition`, woken by each fold.
    private func waitForPayments(_ bank: Bank, _ condition: (BankOverview) -> Bool) async throws {
        var changes = bank.changes().makeAsyncIterator()
        while !condition(bank.readModels) {
            guard await changes.next() != nil else { throw EventStoreError.closed }
        }
    }

    /// Looks at `condition` until it holds (the suite's time limit is the deadline); for state
    /// that has no notification of its own, the runners' leases.
    private func eventually(_ what: String, _ condition: () -> Bool) async throws {
        while !condition() {
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Payments not yet at rest, as `bank-console run` counts them (held ones are at rest).
enum RunCommandCounts {
    static func inFlight(_ models: BankOverview) -> Int {
        PaymentState.allCases.filter { !$0.isFinal && $0 != .held }.reduce(0) { $0 + models.payments.count(of: $1) }
    }
}

