import Foundation
@testable import PostgresStore
@testable import Store
import Testing

/// Projections on a database several processes write (issue 12): each runs in one process at a
/// time, by a session advisory lock of the store's, and another takes it over from its last
/// checkpoint when that process leaves.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"), .timeLimit(.minutes(1)))
struct SharedProjectionsTests {
    /// Counts the `Happened` events of the store.
    static func counter(_ store: any EventStore) throws -> Projections {
        let projections = Projections(store: store, clock: ManualClock(), settings: ProjectionSettings(checkpointEvery: 2, pageSize: 4))
        try projections.register(HandlerProjection(name: "happened", source: .eventTypes(["Happened"]), initialState: 0)
            .when("Happened") { count, _ in count += 1 })
        return projections
    }

    @Test func aProjectionRunsInOneProcessAndMovesToTheOtherWhenItLeaves() async throws {
        let first = try PostgresFixture(access: .sharedWriter)
        let second = try PostgresEventStore.open(uri: first.uri, options: PostgresStoreOptions(schema: first.schema, readConnections: 1, access: .sharedWriter))
        let running = try Self.counter(first.store)
        let waiting = try Self.counter(second)
        for n in 0..<5 { _ = try await first.store.append(to: "Thing-\(n)", expected: .noStream, events: [event(n)]) }
        try await running.catchUp("happened") // takes the lease and keeps it
        try waiting.start("happened")
        #expect(try waiting.status(of: "happened").runState == .elsewhere)
        await #expect(throws: EventStoreError.projectionElsewhere("happened")) { try await waiting.reset("happened") }
        let reached = try running.status(of: "happened").position

        await running.close() // checkpoint written, lease given up
        #expect(try waiting.status(of: "happened").checkpoint == reached)
        var last: UInt64 = 0
        for n in 5..<8 { last = try await second.append(to: "Thing-\(n)", expected: .noStream, events: [event(n)]).lastPosition }
        await waiting.rebalance()
        #expect(try waiting.status(of: "happened").runState == .running)
        // Followed in the background (a read stops at the safe horizon, which a transaction
        // of another test on the cluster may hold back for a while).
        try await waiting.wait(for: "happened", toReach: Int64(last) + 1)
        #expect(try waiting.state(of: "happened", as: Int.self) == 8)
        await waiting.close()
        await second.close()
        try await first.finish()
    }
}
