import Foundation
import Store
import Testing
@testable import Core

/// Per-entity reads (`EntityReads`) against the fold of the whole log they replace, for random
/// histories (fixed seeds).
struct EntityReadsTests {
    /// A memory store holding `SyntheticBankHistory(seed:)`'s events, stamped with their own times.
    static func store(seed: UInt64, events count: Int = 2_500, accounts: Int = 20) async throws -> (store: MemoryEventStore, history: SyntheticBankHistory) {
        var history = SyntheticBankHistory(seed: seed)
        history.accounts = accounts
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        for event in try history.generate(eventCount: count) {
            clock.set(event.created)
            _ = try await store.append(to: event.stream, expected: .any, events: [
                EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata),
            ])
        }
        return (store, history)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func anAccountReadFromItsOwnStreamsEqualsTheWholeLogFold(seed: UInt64) async throws {
        let (store, history) = try await Self.store(seed: seed)
        let whole = BankReadModels.folding(try store.read(.all))
        #expect(whole.fault == nil)
        for id in history.accountIDs() {
            let entity = try EntityReads.account(id, in: store)
            #expect(entity.fault == nil)
            #expect(entity.accounts.account(id) != nil)
            #expect(entity.accounts.account(id) == whole.accounts.account(id))
            #expect(entity.accounts.ledger(id) == whole.accounts.ledger(id))
        }
    }

    @Test(arguments: [4, 5] as [UInt64])
    func anAccountAsOfAPositionEqualsTheWholeLogFoldUpToThatEvent(seed: UInt64) async throws {
        let (store, history) = try await Self.store(seed: seed, events: 1_500, accounts: 8)
        let log = try store.read(.all)
        var random = SplitMix64(seed: seed)
        for _ in 0..<12 {
            let position = UInt64(random.next() % UInt64(log.count))
            let past = BankReadModels.folding(log.prefix(Int(position) + 1))
            for id in history.accountIDs() {
                let entity = try EntityReads.account(id, in: store, through: position)
                #expect(entity.accounts.account(id) == past.accounts.account(id), "account \(id) at \(position)")
                #expect(entity.accounts.ledger(id) == past.accounts.ledger(id), "ledger \(id) at \(position)")
            }
        }
    }

    @Test(arguments: [6, 7] as [UInt64])
    func aPaymentReadFromItsStreamEqualsTheWholeLogFold(seed: UInt64) async throws {
        let (store, _) = try await Self.store(seed: seed)
        let whole = BankReadModels.folding(try store.read(.all))
        #expect(whole.payments.count > 100)
        for index in 0..<whole.payments.count {
            let expected = whole.payments.payments[index]
            let read = try #require(try EntityReads.payment(expected.id, in: store))
            #expect(read.models.fault == nil)
            #expect(read.models.payments.payment(expected.id) == expected)
            #expect(read.events.map(\.position) == expected.positions)
        }
        #expect(try EntityReads.payment(UUID(), in: store) == nil)
    }

    @Test(arguments: [8, 9] as [UInt64])
    func theHeldQueueFromTheTypeIndexesEqualsTheWholeLogFoldAtEveryHold(seed: UInt64) async throws {
        var history = SyntheticBankHistory(seed: seed)
        history.accounts = 10
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        var models = BankReadModels()
        var checked = 0
        for event in try history.generate(eventCount: 3_000) {
            clock.set(event.created)
            _ = try await store.append(to: event.stream, expected: .any, events: [
                EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata),
            ])
            models.apply(try #require(try store.read(.all, from: .version(Int64(store.headPosition - 1)), direction: .forward, maxCount: 1).first))
            // After each hold and each decision, the queue as the indexes give it.
            guard EntityReads.heldTypes.contains(event.type) || EntityReads.decidedTypes.contains(event.type) else { continue }
            #expect(try EntityReads.heldPayments(in: store).get() == models.payments.heldQueue, "after position \(store.headPosition - 1)")
            checked += 1
        }
        #expect(models.fault == nil)
        #expect(checked > 10)
    }

    @Test(arguments: [10, 11] as [UInt64])
    func aListedAccountHasTheWholeLogFoldsHolderStatusAndBalance(seed: UInt64) async throws {
        let (store, history) = try await Self.store(seed: seed)
        let whole = BankReadModels.folding(try store.read(.all))
        #expect(whole.accounts.all.count == history.accounts)
        for expected in whole.accounts.all {
            let listed = try #require(try EntityReads.listedAccount(expected.id, in: store)).get()
            #expect([listed.holder, listed.status.rawValue, listed.balance.description]
                == [expected.holder, expected.status.rawValue, expected.balance.description])
        }
    }

    @Test func aForgedLedgerEntryFaultsTheAccountsReadsWithItsPosition() async throws {
        let (store, history) = try await Self.store(seed: 12, events: 600, accounts: 4)
        let id = history.accountIDs()[1]
        let balance = BankReadModels.folding(try store.read(.all)).accounts.balance(id)
        let forged = LedgerEntryPosted(account: id, amount: Money(pence: 500), balanceAfter: Money(pence: 1),
                                       kind: .openingBalance, paymentId: nil, description: "forged")
        let written = try await store.append(to: BankStream.ledger(id).name, expected: .any, events: [
            try BankCodec.eventData(forged, id: UUID(), metadata: EventMetadata(correlationId: "x", causationId: "x")),
        ])
        let reason = FaultReason.balanceDoesNotFollow(previous: balance, amount: Money(pence: 500), recorded: Money(pence: 1))
        #expect(try EntityReads.account(id, in: store).fault?.position == written.firstPosition)
        #expect(try EntityReads.account(id, in: store).fault?.reason == reason)
        guard case .failure(let fault)? = try EntityReads.listedAccount(id, in: store) else {
            Issue.record("a forged last entry was listed")
            return
        }
        #expect(fault.position == written.firstPosition)
        #expect(fault.reason == reason)
        // Before the forged entry, the account reads as it was.
        #expect(try EntityReads.account(id, in: store, through: written.firstPosition - 1).fault == nil)
        // Another account is not affected.
        #expect(try EntityReads.account(history.accountIDs()[0], in: store).fault == nil)
    }

    @Test func aReleaseOfAPaymentThatIsNotHeldFaultsThePaymentRead() async throws {
        let (store, _) = try await Self.store(seed: 13, events: 600, accounts: 4)
        let whole = BankReadModels.folding(try store.read(.all))
        let settled = try #require(whole.payments.payments.all.first { $0.state == .settled && $0.direction == .inbound })
        let release = InboundHeldPaymentReleased(paymentId: settled.id, decision: OperatorDecision(by: "x", at: Date(timeIntervalSince1970: 0), reason: "x"))
        let written = try await store.append(to: BankStream.payment(.inbound, settled.id).name, expected: .any, events: [
            try BankCodec.eventData(release, id: UUID(), metadata: EventMetadata(correlationId: "x", causationId: "x")),
        ])
        let read = try #require(try EntityReads.payment(settled.id, in: store))
        #expect(read.models.fault?.position == written.firstPosition)
        #expect(read.models.payments.payment(settled.id) == settled)
    }
}
