import Foundation
import Store
import Testing
@testable import Core

/// The competing-consumer runner: batches decided together, appended in one call, settled
/// together; many payments to one account race for its ledger and still post exactly once each.
@Suite struct ProcessorRunnerTests {
    /// Waits, without sleeping, until `done` holds for the store (each new event re-checks it).
    private static func waitUntil(_ store: MemoryEventStore, _ done: () throws -> Bool) async throws {
        while true {
            let head = store.headPosition
            if try done() { return }
            await store.waitForEvents(beyond: head)
        }
    }

    @Test func manyPaymentsToOneAccountEachPostExactlyOnce() async throws {
        let fixture = try await BankFixture()
        let subscriptions = try PersistentSubscriptions(store: fixture.store, clock: fixture.clock, tickInterval: nil)
        let processors = fixture.processors()
        let runner = try await ProcessorRunner.start(store: fixture.store, subscriptions: subscriptions, processors: processors,
                                                     consumersPerGroup: 2, concurrency: 8)
        let ids = (1...40).map { DerivedEventID.make(name: "runner-test-\($0)") }
        for id in ids { try await fixture.schemeSends(amount: "1.25", id: id) }
        try await Self.waitUntil(fixture.store) {
            try ids.allSatisfy { id in
                try fixture.events(.payment(.inbound, id)).contains { if case .inboundPaymentBalanceUpdated = $0 { true } else { false } }
            }
        }
        await runner.stop()
        let postings = try fixture.events(.ledger(BankFixture.ada)).compactMap { event -> UUID? in
            if case .ledgerEntryPosted(let posted) = event, posted.kind == .inboundPayment { return posted.paymentId }
            return nil
        }
        #expect(postings.count == ids.count)
        #expect(Set(postings) == Set(ids))
        // Ada opened with £100.00 and received 40 × £1.25.
        let ledger = try processors[0].views.ledger(BankFixture.ada)
        #expect(ledger.state.balance == Money(pence: 10_000 + 40 * 125))
        // Every payment ended, so the write side keeps no memo of any of them.
        #expect(processors[0].views.inbound.memoCount == 0)
        await subscriptions.close()
    }
}

/// The ledger deciding several postings to one account together.
@Suite struct LedgerDecidingTogetherTests {
    @Test func postingsToOneLedgerChainTheirVersionsAndBalancesAndADuplicateDecidesNothing() async throws {
        let fixture = try await BankFixture()
        let ids = (1...3).map { DerivedEventID.make(name: "together-\($0)") }
        for id in ids { try await fixture.schemeSends(amount: "2.50", id: id) }
        let processors = fixture.processors()
        // Only the payments processor: each payment stops at its account check, awaiting the ledger.
        try await ProcessorPump(store: fixture.store, processors: [processors[0]]).run()
        let checks = try fixture.store.read("$et-\(InboundPaymentAccountStatusChecked.eventType)")
        #expect(checks.count == 3)
        let ledger = try #require(processors[2] as? LedgerProcessor)
        let inputs = try (checks + [checks[0]]).map { ($0, try BankEvent.decode($0)) }
        let before = try ledger.views.ledger(BankFixture.ada)
        let decisions = try ledger.decide(together: inputs)
        #expect(decisions.count == 4)
        #expect(decisions[3] == nil)
        let base = try #require(before.version)
        #expect(decisions.prefix(3).map { $0?.expected } == [.exact(base), .exact(base + 1), .exact(base + 2)])
        let balances = decisions.prefix(3).compactMap { decision -> Money? in
            guard case .ledgerEntryPosted(let posted)? = decision?.events.first?.event else { return nil }
            return posted.balanceAfter
        }
        #expect(balances == [Money(pence: 10_250), Money(pence: 10_500), Money(pence: 10_750)])
        // Deciding together changed nothing yet: the ledger is as it was.
        #expect(try ledger.views.ledger(BankFixture.ada).version == base)
    }
}

/// A step that failed because the store was out of reach for now (it retries by itself: a
/// database) is requeued without counting a retry, so an outage parks no payment; the same
/// failure from a store that does not retry, and any other failure, is refused (counted).
@Test(.timeLimit(.minutes(1))) func aFailureThatOnlyWaitsForTheStoreRequeuesAndAnyOtherRefuses() async throws {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    _ = try await store.append(to: "Orders-1", expected: .noStream, events: [EventData(type: "Placed", data: Data("{}".utf8))])
    let subscriptions = try PersistentSubscriptions(store: store, clock: clock, tickInterval: nil)
    try await subscriptions.create(group: "g", source: .stream("Orders-1"), settings: PersistentSubscriptionSettings(startFrom: .beginning))
    let consumer = try subscriptions.connect(group: "g", source: .stream("Orders-1"), consumer: "c")
    let message = try #require(await consumer.nextBatch(maxCount: 1)?.first)
    let unreachable = ProcessingError.store(.unavailable("connection refused"))

    var settled = ProcessorRunner.Settlement()
    settled.failed(message, unreachable, storeRetries: true)
    #expect(settled.requeues.map(\.1) == [unreachable.description] && settled.nacks.isEmpty)

    settled = ProcessorRunner.Settlement()
    settled.failed(message, unreachable, storeRetries: false)
    settled.failed(message, .store(.readOnly), storeRetries: true)
    settled.failed(message, .tooManyConflicts(stream: "Orders-1"), storeRetries: true)
    #expect(settled.requeues.isEmpty && settled.nacks.count == 3)
    await subscriptions.close()
}
