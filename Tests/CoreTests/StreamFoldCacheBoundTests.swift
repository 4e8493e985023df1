import Foundation
import Store
import Testing
@testable import Core

/// The write side's memo of folded streams stays within its capacity however many streams it
/// is asked about, and a stream whose memo was dropped folds to the same state when asked again.
@Suite struct StreamFoldCacheBoundTests {
    /// A store with `count` ledgers, each holding `postings` entries of 1p.
    private func ledgers(_ count: Int, postings: Int) async throws -> (MemoryEventStore, [String]) {
        let store = MemoryEventStore(clock: ManualClock())
        var names: [String] = []
        var random = SplitMix64(seed: 11)
        for n in 0..<count {
            let account = AccountID(sortCode: "401234", accountNumber: String(format: "%08d", 10_000_000 + n))!
            let name = BankStream.ledger(account).name
            var balance = Money.zero
            var events: [EventData] = []
            for _ in 0..<postings {
                let amount = Money(pence: Int64(random.next() % 500) + 1)
                balance = balance.adding(amount)!
                let posted = LedgerEntryPosted(account: account, amount: amount, balanceAfter: balance, kind: .inboundPayment,
                                               paymentId: random.uuid(), description: "test")
                events.append(try BankCodec.eventData(posted, id: random.uuid(), metadata: EventMetadata(correlationId: name, causationId: name)))
            }
            _ = try await store.append(to: name, expected: .noStream, events: events)
            names.append(name)
        }
        return (store, names)
    }

    @Test func theMemoNeverHoldsMoreThanItsCapacityAndDroppedStreamsFoldAlike() async throws {
        let (store, names) = try await ledgers(40, postings: 3)
        let bounded = StreamFoldCache(store: store, initial: LedgerState(), fold: { state, event, _ throws(FaultReason) in try state.apply(event) },
                                      capacity: 8)
        let whole = StreamFoldCache(store: store, initial: LedgerState(), fold: { state, event, _ throws(FaultReason) in try state.apply(event) },
                                    capacity: 1_000)
        var shuffler = SplitMix64(seed: 99)
        for _ in 0..<3 {
            for name in names.shuffled(using: &shuffler) {
                let state = try bounded.state(of: name)
                #expect(bounded.memoCount <= 8)
                let reference = try whole.state(of: name)
                #expect(state.state == reference.state)
                #expect(state.version == reference.version)
            }
        }
        #expect(whole.memoCount == 40)
        #expect(StreamFoldCache<LedgerState>.defaultCapacity == 50_000)
    }
}
