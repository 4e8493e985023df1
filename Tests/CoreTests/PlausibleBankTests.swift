import Foundation
import Store
import Testing
@testable import Core

/// The simulator's default mix on the seeded bank: rare holds, every path, and
/// personal balances that stay in a realistic range while money flows both ways.
@Suite struct PlausibleBankTests {
    static let batches = 20
    static let perBatch = 100

    @Test func aSeededRunHoldsAboutHalfAPercentAndKeepsPersonalBalancesInRange() async throws {
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        // The invented list keeps this quick in a debug build; the names the simulator draws
        // from it, and their variants, are held as OFAC's are (`screening.recall` measures those).
        let configuration = BankConfiguration(seed: 21, subscriptionTick: nil, restTimeout: .seconds(600), creator: "operator")
        let bank = try await Bank(store: store, clock: clock, configuration: configuration)
        try await bank.startProcessors()
        let seeds = try SeedFiles(directory: try #require(BundledSeeds.directory)).accounts
        let personal = seeds.filter { $0.status == .open && !SimulatedFlows.isBusiness($0.holder) }
        let businesses = seeds.filter { $0.status == .open && SimulatedFlows.isBusiness($0.holder) }
        #expect(personal.count > 10 && businesses.count == 2)

        var kinds: [SimulatedKind: Int] = [:]
        var payments = 0
        var held = 0
        var heldNames: [String] = []
        var moved: [AccountID: (count: Int, pence: Int64)] = [:]
        var lowest: [AccountID: Money] = [:]
        var highest: [AccountID: Money] = [:]
        for _ in 0..<Self.batches {
            // Each batch is drawn against the balances the last one left (at rest), so the run is
            // the same for the seed whatever order the processors took.
            let batch = try bank.simulator.next(Self.perBatch)
            try await bank.simulator.write(batch.map(\.1))
            for (kind, message) in batch {
                kinds[kind, default: 0] += 1
                let outcome: PaymentOutcome
                switch message {
                case .poison: continue
                case .payment: outcome = try await bank.waitUntilAtRest(.inbound, message.paymentId)
                case .outgoing: outcome = try await bank.waitUntilAtRest(.outbound, message.paymentId)
                }
                payments += 1
                if outcome.status == .held {
                    held += 1
                    heldNames += outcome.evidence.map { "\($0.name) ~ \($0.matched)" }
                }
                if let account = outcome.account, let amount = outcome.amount, outcome.status == .settled || outcome.status == .accepted {
                    moved[account, default: (0, 0)].count += 1
                    moved[account, default: (0, 0)].pence += amount.pence
                }
            }
            for seed in personal {
                let balance = try bank.account(sortCode: seed.account.sortCode.digits, accountNumber: seed.account.accountNumber.digits).balance
                lowest[seed.account] = min(lowest[seed.account] ?? balance, balance)
                highest[seed.account] = max(highest[seed.account] ?? balance, balance)
            }
        }
        // Every path, and about 0.5 % held: the list's names and their variants, and the rare
        // ordinary name that scores as one.
        #expect(Set(kinds.keys) == Set(SimulatedKind.allCases))
        let holdRate = Double(held) / Double(payments)
        #expect(holdRate >= 0.002 && holdRate <= 0.01, "held \(held) of \(payments): \(heldNames)")
        #expect((kinds[.valid] ?? 0) + (kinds[.outgoing] ?? 0) > Self.batches * Self.perBatch * 9 / 10)

        // Personal balances: never overdrawn, never run up past £25,000; a richer customer's
        // savings never £5,000 above where they started, and lower at the end.
        for seed in personal {
            let low = try #require(lowest[seed.account])
            let high = try #require(highest[seed.account])
            #expect(low >= .zero, "\(seed.holder) fell to \(low)")
            if seed.openingBalance <= Money(pence: 2_000_000) {
                #expect(high <= Money(pence: 2_500_000), "\(seed.holder) rose to \(high)")
            } else {
                #expect(high <= Money(pence: seed.openingBalance.pence + 500_000), "\(seed.holder) rose to \(high)")
                let end = try bank.account(sortCode: seed.account.sortCode.digits, accountNumber: seed.account.accountNumber.digits).balance
                #expect(end < seed.openingBalance, "\(seed.holder) ended at \(end)")
            }
        }
        // Businesses move larger sums than people.
        func average(_ accounts: [SeedAccount]) -> Double {
            let totals = accounts.compactMap { moved[$0.account] }
            return Double(totals.reduce(0) { $0 + $1.pence }) / Double(max(1, totals.reduce(0) { $0 + $1.count }))
        }
        #expect(average(businesses) > 3 * average(personal))
        await bank.close()
    }
}
