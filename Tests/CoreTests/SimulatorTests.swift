import Foundation
import Store
import StoreTestSupport
import Testing
@testable import Core

private func simulator(seed: UInt64, settings: SimulatorSettings = SimulatorSettings()) async throws -> (SchemeSimulator, MemoryEventStore, ManualClock) {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    _ = try await BankSeeder(store: store, clock: clock).seed(SeedFiles(directory: try #require(BundledSeeds.directory)))
    let views = BankViews(store: store) { SanctionsScreener(entries: $0) }
    return (SchemeSimulator(store: store, clock: clock, views: views, seed: seed, settings: settings), store, clock)
}

@Test func theSameSeedGivesTheSamePayments() async throws {
    let (a, _, _) = try await simulator(seed: 42)
    let (b, _, _) = try await simulator(seed: 42)
    let (c, _, _) = try await simulator(seed: 43)
    let first = try a.next(200).map(\.1)
    #expect(first == (try b.next(200).map(\.1)))
    #expect(first != (try c.next(200).map(\.1)))
}

@Test func theDefaultMixSendsEveryKind() async throws {
    let (sim, _, _) = try await simulator(seed: 5)
    let kinds = Set(try sim.next(2_000).map(\.0))
    #expect(kinds == Set(SimulatedKind.allCases))
}

@Test func theRateFollowsTheInjectedClockAndPauseStopsIt() async throws {
    let (sim, store, clock) = try await simulator(seed: 1, settings: SimulatorSettings(ratePerSecond: 10, mix: SimulatorSettings.validOnly))
    let seeded = store.headPosition
    #expect(try await sim.tick() == 0) // the first tick only sets the baseline
    clock.advance(by: 2.55)
    #expect(try await sim.tick() == 25)
    sim.update { $0.ratePerSecond = 100 }
    clock.advance(by: 0.5)
    #expect(try await sim.tick() == 50)
    sim.pause()
    clock.advance(by: 10)
    #expect(try await sim.tick() == 0)
    sim.resume()
    #expect(try await sim.tick() == 0)
    clock.advance(by: 0.1)
    #expect(try await sim.tick() == 10)
    #expect(store.headPosition - seeded == 85)
    #expect(sim.statistics.sent[.valid] == 85)
}

@Test(arguments: [(SimulatedKind.valid, PaymentState.settled), (.invalid, .returned), (.sanctioned, .held), (.blockedOrClosed, .failed)])
func eachKindOfSimulatedPaymentEndsWhereItShould(kind: SimulatedKind, end: PaymentState) async throws {
    let (bank, _, _) = try await openTestBank()
    bank.simulator.update { $0.mix = [kind: 1] }
    let sent = try await bank.simulator.sendNext(12)
    for message in sent {
        let outcome = try await bank.waitUntilAtRest(.inbound, message.paymentId)
        #expect(outcome.status == end, "\(message)")
    }
    await bank.close()
}

@Test func aPoisonMessageIsRetriedThenParkedAndCanBeReplayed() async throws {
    let (bank, store, _) = try await openTestBank()
    let group = try #require(bank.subscriptions.stats().first { $0.group == "inbound-payments" && $0.source == "$et-InboundPaymentSentByScheme" })
    /// Waits, on the store's own signal, until the parked stream holds `count` messages.
    func waitForParked(_ count: Int64) async {
        while true {
            let head = store.headPosition
            if (store.lastVersion(of: group.parkedStream) ?? -1) + 1 >= count { return }
            await store.waitForEvents(beyond: head)
        }
    }
    bank.simulator.update { $0.mix = [.poison: 1] }
    try await bank.simulator.sendNext(1)
    await waitForParked(1)
    let parked = try store.read(.stream(group.parkedStream))
    #expect(parked.count == 1)
    let stats = try #require(bank.subscriptions.stats().first { $0.group == group.group && $0.source == group.source })
    #expect(stats.retried == ProcessorRunner.groupSettings().maxRetryCount)
    // Replaying it delivers it again: still poison, so it is parked again.
    try bank.subscriptions.replayParked(group: group.group, source: ReadTarget(group.source))
    await waitForParked(2)
    // Valid payments keep flowing past it.
    let outcome = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "1.00"))
    #expect(outcome.status == .settled)
    await bank.close()
}

@Test func aRestartedSimulatorContinuesItsSequenceAndNeverRepeatsAPayment() async throws {
    let (first, store, clock) = try await simulator(seed: 42)
    let sentBefore = try await first.sendNext(60).map(\.paymentId)
    // What the first simulator would have sent next…
    let wouldSendNext = try first.next(60).map(\.1.paymentId)
    // …is what a new one on the same store, with the same seed, sends: it continues the sequence.
    let views = BankViews(store: store) { SanctionsScreener(entries: $0) }
    let restarted = SchemeSimulator(store: store, clock: clock, views: views, seed: 42)
    #expect(restarted.sequence == 60)
    let sentAfter = try await restarted.sendNext(60).map(\.paymentId)
    #expect(sentAfter == wouldSendNext)
    #expect(Set(sentBefore).isDisjoint(with: sentAfter))
    let ids = try Scheme.allCases.flatMap { scheme in
        try store.read(.stream(BankStream.scheme(scheme).name)).map(\.id)
    }
    // The customers' own payments out are requested on their payment streams, not the scheme's.
    let outbound = store.streams(prefix: "Payments-Outbound-").count
    #expect(outbound > 0)
    #expect(Set(ids).count + outbound == 120)
}

@Test func aRateBeyondWhatCanBeSentIsCountedAsSkippedNotQueued() async throws {
    let (sim, store, clock) = try await simulator(seed: 3, settings: SimulatorSettings(ratePerSecond: 100, mix: SimulatorSettings.validOnly))
    let seeded = store.headPosition
    #expect(try await sim.tick() == 0)
    clock.advance(by: 100) // 10,000 owed; at most five seconds' worth are sent
    #expect(try await sim.tick() == 500)
    #expect(sim.statistics.skipped == 9_500)
    #expect(sim.statistics.total == 500)
    #expect(store.headPosition - seeded == 500)
}

@Test func aBatchLargerThanTheAppendLimitIsSentWholeAndCounted() async throws {
    let (sim, store, _) = try await simulator(seed: 9, settings: SimulatorSettings(mix: SimulatorSettings.validOnly))
    try await sim.sendNext(SchemeSimulator.batchLimit * 2 + 1)
    #expect(sim.statistics.total == SchemeSimulator.batchLimit * 2 + 1)
    let schemeEvents = try Scheme.allCases.reduce(0) { $0 + (try store.read(.stream(BankStream.scheme($1).name)).count) }
    #expect(schemeEvents == SchemeSimulator.batchLimit * 2 + 1)
}

/// A bank larger than the simulator reads at once is paid through a window that moves batch by
/// batch: bounded for each batch, and every account is in some window.
@Suite struct SimulatorAccountWindowTests {
    @Test func aSmallBankIsReadWhole() {
        #expect(SchemeSimulator.window(of: 24, size: 5_000, sequence: 123_456) == [0..<24])
        #expect(SchemeSimulator.window(of: 5_000, size: 5_000, sequence: 9) == [0..<5_000])
    }

    @Test(arguments: [5_001, 12_345, 1_000_000])
    func consecutiveBatchesCoverEveryAccountWithBoundedWindows(count: Int) {
        let size = 5_000
        var covered = IndexSet()
        var batch: UInt64 = 0
        while covered.count < count {
            let ranges = SchemeSimulator.window(of: count, size: size, sequence: batch * UInt64(SchemeSimulator.batchLimit))
            #expect(ranges.reduce(0) { $0 + $1.count } == size)
            for range in ranges {
                #expect(range.lowerBound >= 0 && range.upperBound <= count)
                covered.insert(integersIn: range)
            }
            batch += 1
            #expect(batch <= UInt64((count + size - 1) / size), "every account within count/size batches")
            if batch > UInt64(count / size + 1) { break }
        }
        #expect(covered.count == count)
    }

    @Test func messagesOfOneBatchShareTheirWindow() {
        let first = SchemeSimulator.window(of: 20_000, size: 5_000, sequence: 1_000)
        #expect(SchemeSimulator.window(of: 20_000, size: 5_000, sequence: 1_499) == first)
        #expect(SchemeSimulator.window(of: 20_000, size: 5_000, sequence: 1_500) != first)
    }
}

/// The window is read from the openings index: bounded per batch, and two consecutive batches
/// of a bank just over the bound see every account between them.
@Suite struct SimulatorAccountWindowReadTests {
    @Test func aBankLargerThanTheWindowIsReadAWindowAtATime() async throws {
        let (sim, store, clock) = try await simulator(seed: 5, settings: SimulatorSettings(mix: SimulatorSettings.validOnly))
        let extra = SchemeSimulator.accountsReadUpTo + 50 - 24
        _ = try await BankSeeder(store: store, clock: clock).seed(accounts: try SyntheticAccounts(count: extra, seed: 1))
        let every = Set(store.streams(prefix: "Accounts-").compactMap { info -> AccountID? in
            if case .account(let id) = BankStream(name: info.name) { return id }
            return nil
        })
        #expect(every.count > SchemeSimulator.accountsReadUpTo)

        let first = try sim.accountWindow(sequence: 0)
        let second = try sim.accountWindow(sequence: UInt64(SchemeSimulator.batchLimit))
        #expect(first.bankSize == every.count)
        #expect(first.ids.count == SchemeSimulator.accountsReadUpTo)
        #expect(second.ids.count == SchemeSimulator.accountsReadUpTo)
        #expect(first.ids == first.ids.sorted())
        #expect(Set(first.ids).isSubset(of: every))
        #expect(Set(first.ids).union(second.ids) == every)
        #expect(Set(first.ids) != Set(second.ids))
    }

    @Test func aSmallBankIsReadWholeInIdOrder() async throws {
        let (sim, store, _) = try await simulator(seed: 5)
        let every = store.streams(prefix: "Accounts-").compactMap { info -> AccountID? in
            if case .account(let id) = BankStream(name: info.name) { return id }
            return nil
        }
        let window = try sim.accountWindow(sequence: 12_345)
        #expect(window.ids == every.sorted())
        #expect(window.bankSize == every.count)
    }
}

/// Several processes on one shared database each run a simulator with the bank's seed: each
/// instance draws its own payments, so they add up instead of repeating each other.
@Suite struct SimulatorInstanceTests {
    private func schemeEvents(_ store: MemoryEventStore) throws -> [RecordedEvent] {
        try Scheme.allCases.flatMap { try store.read(.stream(BankStream.scheme($0).name)) }
    }

    @Test func twoInstancesWithOneSeedSendDifferentPaymentsToOneStore() async throws {
        let (_, store, clock) = try await simulator(seed: 7, settings: SimulatorSettings(mix: SimulatorSettings.validOnly))
        let views = BankViews(store: store) { SanctionsScreener(entries: $0) }
        func make(_ instance: UInt64?) -> SchemeSimulator {
            SchemeSimulator(store: store, clock: clock, views: views, seed: 7, settings: SimulatorSettings(mix: SimulatorSettings.validOnly), instance: instance)
        }
        // Two processes starting together with one seed and no instance draw the same payments.
        #expect(try make(nil).next(40).map(\.1) == (try make(nil).next(40).map(\.1)))

        let a = try await make(1).sendNext(40), b = try await make(2).sendNext(40)
        #expect(Set(a.map(\.paymentId)).isDisjoint(with: b.map(\.paymentId)))
        #expect(try schemeEvents(store).count == 80)
    }
}

/// A store out of reach that retries by itself (a database) pauses the background sending; the
/// same error from a store that does not retry, or any other error, stops it.
@Test func onlyAStoreThatRetriesByItselfIsWaitedFor() {
    let retrying = UnreachableStore(MemoryEventStore())
    let unreachable = ViewError.store(.unavailable("connection refused"))
    #expect(SchemeSimulator.waitsForStore(unreachable, retrying))
    #expect(!SchemeSimulator.waitsForStore(unreachable, MemoryEventStore()))
    #expect(!SchemeSimulator.waitsForStore(ViewError.store(.readOnly), retrying))
    #expect(!SchemeSimulator.waitsForStore(EventStoreError.unavailable("connection refused"), retrying))
}
