import Foundation
@testable import Store
import Synchronization
import Testing

/// Leases of several simulated processes on one table, as PostgreSQL's advisory locks behave:
/// a partition has at most one holder, and a member that dies loses every lease at once.
final class LeaseTable: Sendable {
    private let holders = Mutex<[Int: Int]>([:])
    private let members = Mutex<Set<Int>>([])
    private let nextMember = Mutex(0)

    final class Member: PartitionLeases {
        let table: LeaseTable
        let id: Int
        init(table: LeaseTable, id: Int) {
            self.table = table
            self.id = id
        }
        func renew() throws(EventStoreError) -> LeaseStatus {
            LeaseStatus(members: table.members.withLock { $0.count },
                        held: Set(table.holders.withLock { $0.filter { $0.value == id }.keys }))
        }
        func acquire(_ index: Int) throws(EventStoreError) -> Bool {
            table.holders.withLock { holders in
                guard table.members.withLock({ $0.contains(id) }) else { return false }
                if holders[index] == nil { holders[index] = id }
                return holders[index] == id
            }
        }
        func release(_ index: Int) throws(EventStoreError) {
            table.holders.withLock { holders in if holders[index] == id { holders[index] = nil } }
        }
        func close() { table.end(id) }
    }

    /// A new member, as a process joining.
    func join() -> Member {
        let id = nextMember.withLock { next -> Int in
            next += 1
            return next
        }
        members.withLock { _ = $0.insert(id) }
        return Member(table: self, id: id)
    }

    /// The member's session ends (its process died): its leases go at once.
    func end(_ id: Int) {
        members.withLock { _ = $0.remove(id) }
        holders.withLock { holders in holders = holders.filter { $0.value != id } }
    }
}

/// Projections shared by lease between processes on one store (issue 12): each runs in one
/// process at a time, the others show where it stands, and a dead process's projections are
/// taken over from their last checkpoint with nothing counted twice or missed.
@Suite(.timeLimit(.minutes(1))) struct ProjectionSharingTests {
    static let name = "account-tally"

    static func host(_ store: any EventStore, _ clock: ManualClock, _ member: LeaseTable.Member) throws -> Projections {
        let projections = Projections(store: store, clock: clock, settings: ProjectionSettings(checkpointEvery: 2, pageSize: 3), leases: member)
        try projections.register(AccountTally())
        return projections
    }

    @Test func aProjectionStartedInTwoProcessesRunsInOneAndTheOtherShowsItsCheckpoint() async throws {
        let (store, clock) = PersistentFixture.store()
        let table = LeaseTable()
        let first = try Self.host(store, clock, table.join())
        let second = try Self.host(store, clock, table.join())
        for amount in 1...5 { try await ProjectionFixture.deposit(store, "Acc-1", amount) }
        try first.start(Self.name)
        try second.start(Self.name)
        try await first.wait(for: Self.name, toReach: 5)
        await first.close() // writes its checkpoint at 5, and leaves

        #expect(try second.status(of: Self.name).runState == .elsewhere)
        #expect(try second.status(of: Self.name).position == 5)
        #expect(try second.status(of: Self.name).checkpoint == 5)
        #expect(try first.state(of: Self.name, partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 5, total: 15))
        await second.close()
    }

    @Test func whenTheRunningProcessDiesAnotherTakesOverFromItsCheckpointCountingEachEventOnce() async throws {
        let (store, clock) = PersistentFixture.store()
        let table = LeaseTable()
        let dying = table.join()
        let first = try Self.host(store, clock, dying)
        let second = try Self.host(store, clock, table.join())
        try first.start(Self.name)
        try second.start(Self.name)
        for amount in 1...4 { try await ProjectionFixture.deposit(store, "Acc-1", amount) }
        try await first.wait(for: Self.name, toReach: 4)
        #expect(try second.status(of: Self.name).runState == .elsewhere)

        // The process dies: its session ends and its lease with it; what it did not check-
        // point is redone by the next holder, from the checkpoint, never counted twice.
        table.end(dying.id)
        await first.rebalance()
        #expect(try first.status(of: Self.name).runState != .running)
        for amount in 5...7 { try await ProjectionFixture.deposit(store, "Acc-1", amount) }
        await second.rebalance()
        #expect(try second.status(of: Self.name).runState == .running)
        try await second.wait(for: Self.name, toReach: 7)
        #expect(try second.state(of: Self.name, partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 7, total: 28))
        await second.close()
        await first.close()
    }

    @Test func catchingUpOrResettingAProjectionAnotherProcessRunsIsRefused() async throws {
        let (store, clock) = PersistentFixture.store()
        let table = LeaseTable()
        let running = try Self.host(store, clock, table.join())
        let command = try Self.host(store, clock, table.join())
        try await ProjectionFixture.deposit(store, "Acc-1", 3)
        try running.start(Self.name)
        await #expect(throws: EventStoreError.projectionElsewhere(Self.name)) { try await command.catchUp(Self.name) }
        await #expect(throws: EventStoreError.projectionElsewhere(Self.name)) { try await command.reset(Self.name) }

        // Once the runner leaves, the command may catch it up itself, from its checkpoint.
        try await running.wait(for: Self.name, toReach: 1)
        await running.close()
        try await ProjectionFixture.deposit(store, "Acc-1", 4)
        try await command.catchUp(Self.name)
        #expect(try command.state(of: Self.name, partition: "Acc-1", as: AccountTally.State.self) == AccountTally.State(events: 2, total: 7))
        #expect(try command.status(of: Self.name).runState == .stopped)
        await command.close()
    }

    @Test func stoppingAProjectionGivesItsLeaseToAnotherProcessThatWantsIt() async throws {
        let (store, clock) = PersistentFixture.store()
        let table = LeaseTable()
        let first = try Self.host(store, clock, table.join())
        let second = try Self.host(store, clock, table.join())
        try first.start(Self.name)
        try second.start(Self.name)
        try await ProjectionFixture.deposit(store, "Acc-2", 9)
        try await first.wait(for: Self.name, toReach: 1)
        try await first.stop(Self.name)
        await second.rebalance()
        #expect(try second.status(of: Self.name).runState == .running)
        try await second.wait(for: Self.name, toReach: 1)
        #expect(try second.state(of: Self.name, partition: "Acc-2", as: AccountTally.State.self) == AccountTally.State(events: 1, total: 9))
        #expect(try first.status(of: Self.name).runState == .stopped)
        await second.close()
        await first.close()
    }

    /// Leases of a store that cannot be reached: every call fails.
    final class UnreachableLeases: PartitionLeases {
        func renew() throws(EventStoreError) -> LeaseStatus { throw .unavailable("no server") }
        func acquire(_ index: Int) throws(EventStoreError) -> Bool { throw .unavailable("no server") }
        func release(_ index: Int) throws(EventStoreError) { throw .unavailable("no server") }
        func close() {}
    }

    @Test func aDefinedProjectionThatCannotStartNowStaysRegisteredAndIsNotRegisteredTwice() async throws {
        let (store, clock) = PersistentFixture.store()
        let projections = Projections(store: store, clock: clock, leases: UnreachableLeases())
        let defined = DefinedProjections(projections: projections, store: store, start: true)
        let text = "fromCategory(\"Acc\") when Deposited { count() as deposits }"
        try await ProjectionDefinitions.define(try TextProjection(name: "deposits", text: text), in: store)
        #expect(try await defined.sync() == ["deposits"])
        #expect(defined.problems == ["deposits: starting it: the store is unavailable: no server"])

        // The next definition is registered; the first is not registered again.
        try await ProjectionDefinitions.define(try TextProjection(name: "more-deposits", text: text), in: store)
        #expect(try await defined.sync() == ["more-deposits"])
        #expect(defined.problems == ["more-deposits: starting it: the store is unavailable: no server"])
        #expect(projections.status().map(\.name) == ["deposits", "more-deposits"])
        await projections.close()
    }

    @Test func aProjectionsPartitionIsAStablePositiveInt4() {
        let partition = ProjectionSharing.partition(of: "fraud-analysis")
        #expect(partition == ProjectionSharing.partition(of: "fraud-analysis"))
        #expect(partition >= 0 && partition <= Int(Int32.max))
        #expect(partition != ProjectionSharing.partition(of: "accounts-by-status"))
    }
}
