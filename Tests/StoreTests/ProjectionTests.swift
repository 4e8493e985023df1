import Foundation
import StoreTestSupport
import Synchronization
@testable import Store
import Testing

@Suite(.timeLimit(.minutes(1))) struct ProjectionTests {
    @Test func aPartitionedProjectionKeepsStatePerStream() async throws {
        let (store, clock) = PersistentFixture.store()
        try await ProjectionFixture.deposit(store, "Acc-1", 10)
        try await ProjectionFixture.deposit(store, "Acc-2", 5)
        try await ProjectionFixture.deposit(store, "Acc-1", 7)
        try await PersistentFixture.append(store, "Other-1", count: 2)
        let projections = try ProjectionFixture.tally(on: store, clock: clock)
        clock.advance(by: 2)
        try await projections.catchUp("account-tally")

        #expect(try projections.partitions(of: "account-tally") == ["Acc-1", "Acc-2"])
        #expect(try projections.state(of: "account-tally", partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 17))
        #expect(try projections.stateJSON(of: "account-tally", partition: "Acc-2") == Data(#"{"events":1,"total":5}"#.utf8))
        #expect(try projections.status(of: "account-tally") == ProjectionStatus(
            name: "account-tally", source: "$ce-Acc", runState: .stopped, fault: nil, position: 3, lag: 0,
            eventsProcessed: 3, partitions: 2, checkpoint: 3, lastError: nil))
    }

    @Test func handlerProjectionsApplyOnlyTheirEventTypes() async throws {
        let (store, clock) = PersistentFixture.store()
        let counts = HandlerProjection(name: "counts", source: .eventTypes(["Opened", "Closed"]), initialState: [String: Int]())
            .when("Opened") { state, _ in state["open", default: 0] += 1 }
            .when("Closed") { state, _ in state["open", default: 0] -= 1; state["closed", default: 0] += 1 }
        let projections = Projections(store: store, clock: clock)
        try projections.register(counts)
        for stream in ["Acc-1", "Acc-2", "Acc-3"] { try await PersistentFixture.append(store, stream, count: 1, type: "Opened") }
        try await PersistentFixture.append(store, "Acc-2", count: 1, type: "Renamed")
        try await PersistentFixture.append(store, "Acc-2", count: 1, type: "Closed")
        try await projections.catchUp("counts")

        #expect(try projections.state(of: "counts", as: [String: Int].self) == ["open": 2, "closed": 1])
        #expect(try projections.status(of: "counts").eventsProcessed == 4)
        #expect(try projections.status(of: "counts").source == "$et-{Closed,Opened}")
    }

    @Test func rebuildingAfterResetGivesTheSameStateAsLiveProcessing() async throws {
        let (store, clock) = PersistentFixture.store()
        let projections = Projections(store: store, clock: clock, settings: ProjectionSettings(checkpointEvery: 3, pageSize: 2))
        try projections.register(AccountTally())
        for round in 0..<5 {
            for account in 1...3 { try await ProjectionFixture.deposit(store, "Acc-\(account)", round * 10 + account) }
            try await projections.catchUp("account-tally")
        }
        let partitions = try projections.partitions(of: "account-tally")
        let live = try partitions.map { try projections.state(of: "account-tally", partition: $0, as: AccountTally.State.self) }

        try await projections.reset("account-tally")
        #expect(try projections.partitions(of: "account-tally").isEmpty)
        #expect(try projections.status(of: "account-tally").position == 0)
        try await projections.catchUp("account-tally")

        let rebuilt = try partitions.map { try projections.state(of: "account-tally", partition: $0, as: AccountTally.State.self) }
        #expect(rebuilt == live)
        #expect(live[0] == AccountTally.State(events: 5, total: 105))
        #expect(try projections.status(of: "account-tally").position == 15)
    }

    @Test func aRestartResumesFromTheCheckpointWithTheStoredState() async throws {
        let (store, clock) = PersistentFixture.store()
        let first = try ProjectionFixture.tally(on: store, clock: clock)
        try await ProjectionFixture.deposit(store, "Acc-1", 10)
        try await ProjectionFixture.deposit(store, "Acc-2", 20)
        try await first.catchUp("account-tally")
        await first.close()

        try await ProjectionFixture.deposit(store, "Acc-1", 1)
        let second = try ProjectionFixture.tally(on: store, clock: clock)
        #expect(try second.status(of: "account-tally").position == 2)
        #expect(try second.status(of: "account-tally").lag == 1)
        try await second.catchUp("account-tally")

        #expect(try second.status(of: "account-tally").eventsProcessed == 1)
        #expect(try second.state(of: "account-tally", partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 11))
        #expect(try second.state(of: "account-tally", partition: "Acc-2", as: AccountTally.State.self) == AccountTally.State(events: 1, total: 20))
    }

    /// A database out of reach (a store that retries by itself) faults no projection: its
    /// stored state is read once the store is back, and nothing is folded before (which would
    /// start it over, or write an empty state over the stored one); its source, likewise.
    @Test func aStoreOutOfReachFaultsNoProjectionWhichResumesWhenItIsBack() async throws {
        let (base, clock) = PersistentFixture.store()
        let store = UnreachableStore(base)
        let first = try ProjectionFixture.tally(on: store, clock: clock)
        try await ProjectionFixture.deposit(store, "Acc-1", 10)
        try await ProjectionFixture.deposit(store, "Acc-2", 20)
        try await first.catchUp("account-tally")
        await first.close()
        try await ProjectionFixture.deposit(store, "Acc-1", 1)

        store.down.withLock { $0 = true }
        let second = try ProjectionFixture.tally(on: store, clock: clock)
        try await second.catchUp("account-tally")
        #expect(try second.status(of: "account-tally").fault == nil)
        #expect(try second.status(of: "account-tally").eventsProcessed == 0)
        store.down.withLock { $0 = false }
        try await second.catchUp("account-tally")
        #expect(try second.status(of: "account-tally").eventsProcessed == 1, "resumed from its checkpoint, not started over")
        #expect(try second.state(of: "account-tally", partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 11))

        // Its source out of reach: it waits, unfaulted, and reads on once it is back.
        try await ProjectionFixture.deposit(store, "Acc-2", 5)
        store.down.withLock { $0 = true }
        try await second.catchUp("account-tally")
        #expect(try second.status(of: "account-tally").fault == nil)
        store.down.withLock { $0 = false }
        try await second.catchUp("account-tally")
        #expect(try second.state(of: "account-tally", partition: "Acc-2", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 25))
        await second.close()
    }

    @Test func aPartitionStoredAheadOfTheCheckpointIsNotAppliedTwice() async throws {
        let (store, clock) = PersistentFixture.store()
        try await ProjectionFixture.deposit(store, "Acc-1", 10)
        try await ProjectionFixture.deposit(store, "Acc-2", 20)
        let record = PartitionRecord(projection: "account-tally", partition: "Acc-1", generation: 0, next: 1,
                                     state: AccountTally.State(events: 1, total: 10))
        _ = try await store.appendToSystemStream(ProjectionStreamNames.result("account-tally", partition: "Acc-1"), expected: .any,
                                                 events: [EventData(type: ProjectionStreamNames.stateType, data: try JSONEncoder().encode(record))])
        let projections = try ProjectionFixture.tally(on: store, clock: clock)
        try await projections.catchUp("account-tally")

        #expect(try projections.state(of: "account-tally", partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 1, total: 10))
        #expect(try projections.state(of: "account-tally", partition: "Acc-2", as: AccountTally.State.self) == AccountTally.State(events: 1, total: 20))
    }

    @Test func aThrowingHandlerFaultsTheProjectionWithTheErrorAndTheEvent() async throws {
        let (store, clock) = PersistentFixture.store()
        let fragile = HandlerProjection(name: "fragile", source: .all, initialState: 0)
            .when("Happened") { count, _ in count += 1 }
            .when("Boom") { _, event in throw ProjectionError(description: "cannot handle \(event.stream)") }
        let projections = Projections(store: store, clock: clock, settings: ProjectionSettings(checkpointEvery: 2, pageSize: 2))
        try projections.register(fragile)
        try projections.register(AccountTally())
        try await PersistentFixture.append(store, "Acc-1", count: 3)
        try await PersistentFixture.append(store, "Acc-9", count: 1, type: "Boom")
        try await PersistentFixture.append(store, "Acc-1", count: 1)
        try await projections.catchUp("fragile")
        try await projections.catchUp("account-tally")

        let status = try projections.status(of: "fragile")
        #expect(status.runState == .faulted)
        #expect(status.fault == ProjectionFault(message: "cannot handle Acc-9", stream: "Acc-9", version: 0, position: 3))
        #expect(status.position == 2)
        #expect(try projections.state(of: "fragile", as: Int.self) == 2)
        #expect(try projections.status(of: "account-tally").runState == .stopped)
        #expect(try projections.state(of: "account-tally", partition: "Acc-9", as: AccountTally.State.self) == AccountTally.State(events: 1, total: 0))

        try projections.start("fragile")
        #expect(try projections.status(of: "fragile").runState == .faulted)
    }

    @Test func aStoredStateThatNoLongerDecodesLeavesTheProjectionFaultedUntilReset() async throws {
        let (store, clock) = PersistentFixture.store()
        try await PersistentFixture.append(store, "Acc-1", count: 2)
        let first = Projections(store: store, clock: clock)
        try first.register(HandlerProjection(name: "p", source: .category("Acc"), initialState: 0).when("Happened") { count, _ in count += 1 })
        try await first.catchUp("p")
        await first.close()

        let second = Projections(store: store, clock: clock)
        try second.register(HandlerProjection(name: "p", source: .category("Acc"), initialState: "").when("Happened") { text, _ in text += "x" })
        #expect(try second.status(of: "p").runState == .faulted)
        try await second.reset("p")
        try await second.catchUp("p")
        #expect(try second.state(of: "p", as: String.self) == "xx")
    }

    @Test func aStartedProjectionFollowsNewEventsInTheBackground() async throws {
        let (store, clock) = PersistentFixture.store()
        let projections = try ProjectionFixture.tally(on: store, clock: clock)
        try projections.start("account-tally")
        try await ProjectionFixture.deposit(store, "Acc-1", 4)
        try await ProjectionFixture.deposit(store, "Acc-1", 6)
        try await projections.wait(for: "account-tally", toReach: 2)

        #expect(try projections.status(of: "account-tally").runState == .running)
        #expect(try projections.state(of: "account-tally", partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 10))
        try await projections.stop("account-tally")
        #expect(try projections.status(of: "account-tally").runState == .stopped)
        #expect(try projections.status(of: "account-tally").checkpoint == 2)
    }

    @Test func badRegistrationsAreRefused() async throws {
        let (store, clock) = PersistentFixture.store()
        let projections = Projections(store: store, clock: clock)
        try projections.register(AccountTally())
        #expect(throws: EventStoreError.projectionExists("account-tally")) { try projections.register(AccountTally()) }
        #expect(throws: EventStoreError.projectionNotFound("nope")) { _ = try projections.status(of: "nope") }
        #expect(throws: EventStoreError.invalidSettings("a projection needs a name")) {
            try projections.register(AccountTally(name: ""))
        }
    }
}
