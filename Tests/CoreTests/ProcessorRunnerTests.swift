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
