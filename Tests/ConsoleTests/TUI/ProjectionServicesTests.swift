import Foundation
import Store
import Testing
@testable import ConsoleUI
@testable import Core

/// The subscriptions pane's view of the bank's projections, against a real bank and host.
@Suite struct ProjectionServicesTests {
    /// A bank on an in-memory store (seeded accounts, no processors) with both projections caught up.
    private func bankWithProjections() async throws -> (Bank, Projections) {
        let clock = ManualClock()
        let bank = try await Bank(store: MemoryEventStore(clock: clock), clock: clock, configuration: BankConfiguration(seed: 3, subscriptionTick: nil, creator: "ops"))
        let projections = Projections(store: bank.store, clock: clock)
        try projections.register(AccountsByStatusProjection())
        try projections.register(FraudAnalysisProjection())
        try await projections.catchUp(AccountsByStatusProjection.name)
        try await projections.catchUp(FraudAnalysisProjection.name)
        return (bank, projections)
    }

    @Test func theSnapshotListsBothProjectionsWithTheirProgressAndState() async throws {
        let (bank, projections) = try await bankWithProjections()
        let snapshot = SubscriptionsSnapshot(bank: bank, projections: projections)
        #expect(snapshot.projections.map(\.name) == ["accounts-by-status", "fraud-analysis"])
        let accounts = snapshot.projections[0]
        #expect(accounts.source == "$ce-Accounts")
        #expect(accounts.status.runState == .stopped)
        #expect(accounts.status.position > 0)
        #expect(accounts.status.lag == 0)
        #expect(accounts.fault == nil)
        // Statuses in a fixed order, each with its count; open accounts only counted, the
        // others listed sorted (not the state's hash order).
        #expect(accounts.stateLines == [
            "open     20 accounts",
            "blocked   2 accounts", "  40-12-34 10000485  40-12-35 20000094",
            "closed    2 accounts", "  40-12-34 10000949  40-12-35 20001589",
        ])
        await projections.close()
        await bank.close()
    }

    @Test func resettingAProjectionRebuildsTheSameStateFromTheBeginning() async throws {
        let (bank, projections) = try await bankWithProjections()
        let before = try projections.status(of: AccountsByStatusProjection.name)
        let stateBefore = try projections.state(of: AccountsByStatusProjection.name, as: AccountStatusTally.self)
        let result = await BankServices.perform(.resetProjection(name: AccountsByStatusProjection.name), on: bank, projections: projections, by: "ops")
        #expect(result.succeeded)
        #expect(result.message == "reset accounts-by-status: rebuilding from the beginning of time")
        // Reset starts the stopped projection again from position 0; it reaches the same place.
        try await projections.wait(for: AccountsByStatusProjection.name, toReach: before.position)
        let after = try projections.status(of: AccountsByStatusProjection.name)
        #expect(after.runState == .running)
        #expect(after.position == before.position)
        #expect(after.eventsProcessed == before.eventsProcessed)
        #expect(try projections.state(of: AccountsByStatusProjection.name, as: AccountStatusTally.self) == stateBefore)
        await projections.close()
        await bank.close()
    }

    @Test func resettingAnUnknownProjectionSaysSo() async throws {
        let (bank, projections) = try await bankWithProjections()
        let result = await BankServices.perform(.resetProjection(name: "nope"), on: bank, projections: projections, by: "ops")
        #expect(!result.succeeded)
        #expect(result.message.contains("nope"))
        await projections.close()
        await bank.close()
    }

    @Test func anEventTypeSourceReadsAsTheIndexesTheBrowserLists() {
        #expect(ProjectionRow.readable(source: "$et-{InboundPaymentValidated}") == "$et-InboundPaymentValidated")
        #expect(ProjectionRow.readable(source: "$et-{A,B}") == "$et-A, $et-B")
        #expect(ProjectionRow.readable(source: "$ce-Accounts") == "$ce-Accounts")
    }

    @Test func aFaultNamesTheErrorTheEventAndItsPosition() {
        let fault = ProjectionFault(message: "bad amount", stream: "Accounts-401234-10000002", version: 4, position: 9_210)
        #expect(ProjectionRow.describe(fault) == "bad amount · Accounts-401234-10000002@4 · position 9,210")
    }

    @Test func accountsByStatusReadsTheSameWhateverOrderItsAccountsArrivedIn() throws {
        let ids = try (1...6).map { n in try #require(AccountID(sortCode: "401234", accountNumber: "1000000\(n)")) }
        var events: [BankEvent] = ids.map { .accountOpened(AccountOpened(account: $0, holder: "H")) }
        events.append(.accountBlocked(AccountBlocked(account: ids[4], reason: "r", by: "o")))
        events.append(.accountClosed(AccountClosed(account: ids[1], reason: "r", by: "o")))
        var forward = AccountStatusTally(), shuffled = AccountStatusTally()
        for event in events { forward.apply(event) }
        for event in events.prefix(6).reversed() + events.suffix(2) { shuffled.apply(event) }
        let expected = [
            "open     4 accounts",
            "blocked  1 account", "  40-12-34 10000005",
            "closed   1 account", "  40-12-34 10000002",
        ]
        #expect(ProjectionStateText.lines(forward) == expected)
        #expect(ProjectionStateText.lines(shuffled) == expected)
    }

    @Test func statusesComeOpenBlockedClosedThenOthersAlphabetically() {
        let names = ["pending", "closed", "archived", "open", "blocked"]
        #expect(names.sorted(by: ProjectionStateText.precedes) == ["open", "blocked", "closed", "archived", "pending"])
    }
}
