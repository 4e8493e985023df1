import Foundation
import Store
import Testing
@testable import Core

/// The bank as of a position, from indexes and streams (`PastBank`), against a fold of the
/// log up to that position, for random histories and random positions (fixed seeds).
struct PastBankTests {
    @Test(arguments: [51, 52] as [UInt64])
    func theBankAsOfAnyPositionEqualsAFoldOfTheLogUpToIt(seed: UInt64) async throws {
        let (store, history) = try await EntityReadsTests.store(seed: seed, events: 1_800, accounts: 12)
        let events = try store.read(.all)
        let past = PastBank(store: store)
        var random = SplitMix64(seed: seed)
        let positions = [0, UInt64(events.count - 1)] + (0..<12).map { _ in UInt64.random(in: 0..<UInt64(events.count), using: &random) }
        for position in positions {
            let whole = BankReadModels.folding(events.prefix(Int(position) + 1))
            #expect(try past.paymentCount(through: position) == whole.payments.count, "at \(position)")
            #expect(try past.count(of: AccountOpened.eventType, through: position) == whole.accounts.count, "at \(position)")
            #expect(try past.heldPayments(through: position).get() == whole.payments.heldQueue, "at \(position)")
            #expect(try past.heldCount(through: position) == whole.payments.count(of: .held), "at \(position)")
            #expect(try past.lastEvent(atOrBefore: position)?.position == position)
            #expect(try past.lastEvent(atOrBefore: events[Int(position)].created)?.created == events[Int(position)].created)
            for id in history.accountIDs() {
                var summary = try past.account(id, through: position).get()
                summary?.entries = 0
                var expected = whole.accounts.account(id)
                expected?.entries = 0
                #expect(summary == expected, "\(id) at \(position)")
                #expect(try past.ledger(id, through: position, limit: 4).get() == whole.accounts.recentLedger(id, limit: 4), "\(id) at \(position)")
            }
        }
    }

    @Test func aLedgerEntryThatDoesNotFollowIsAFaultNotABalance() async throws {
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        let id = HandWrittenLog.ada
        var log = HandWrittenLog()
        try log.add(AccountOpened(account: id, holder: "Ada"), .account(id))
        try log.add(LedgerEntryPosted(account: id, amount: Money(pence: 500), balanceAfter: Money(pence: 500), kind: .openingBalance,
                                      paymentId: nil, description: "opening"), .ledger(id))
        try log.add(LedgerEntryPosted(account: id, amount: Money(pence: 100), balanceAfter: Money(pence: 9_999), kind: .inboundPayment,
                                      paymentId: nil, description: "forged"), .ledger(id))
        try await BankResumeTests.append(log.events, to: store, clock: clock)
        let past = PastBank(store: store)
        guard case .failure(let fault) = try past.account(id, through: 2) else {
            Issue.record("a forged balance was returned")
            return
        }
        #expect(fault.position == 2)
        #expect(try past.account(id, through: 1).get()?.balance == Money(pence: 500))
    }
}
