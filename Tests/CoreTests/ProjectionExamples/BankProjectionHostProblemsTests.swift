import Foundation
import Store
import Testing
@testable import Core

/// What `run` and the console say about the bank's projections: a defined projection that
/// faults is named with the event it stopped at; a healthy host has nothing to say.
@Suite struct BankProjectionHostProblemsTests {
    @Test func aFaultedDefinedProjectionIsAProblemWithItsPlace() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
        let store = MemoryEventStore(clock: clock)
        _ = try await store.append(to: "Pay-1", expected: .any, events: [EventData(type: "Paid", data: Data(#"{"amount":"ten"}"#.utf8))])
        let host = try await BankProjectionHost(store: store, clock: clock, running: false)
        #expect(host.problems == [])

        try await ProjectionDefinitions.define(try TextProjection(name: "sums", text: "fromAll()\nwhen Paid {\n  sum(data.amount) as total\n}"), in: store)
        _ = try await host.defined.sync()
        try await host.projections.catchUp("sums")

        #expect(host.problems == [#"projection sums faulted at Pay-1@0: line 3:3: sum needs a number, not string "ten""#])
        await host.stop()
    }
}
