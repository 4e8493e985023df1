import Foundation
@testable import Store
import Testing

/// Projections defined at run time, on every backend (PostgreSQL with `BANK_TEST_POSTGRES`).
@Suite(.timeLimit(.minutes(1))) struct ProjectionDefinitionsBackendTests {
    @Test(arguments: StoreBackend.allCases)
    func aDefinedProjectionRunsAndAnotherHostResumesItFromItsCheckpoint(_ backend: StoreBackend) async throws {
        let clock = ManualClock()
        try await backend.withStore(clock: clock) { store in
            for (stream, amount) in [("Pay-1", 5), ("Pay-2", 7), ("Pay-1", 11)] {
                _ = try await store.append(to: stream, expected: .any, events: [EventData(type: "Paid", data: Data(#"{"amount":\#(amount)}"#.utf8))])
            }
            try await ProjectionDefinitions.define(try TextProjection(name: "paid", text: "fromCategory(\"Pay\") when Paid groupBy event.stream { sum(data.amount) as total }"), in: store)

            let first = Projections(store: store, clock: clock)
            #expect(try await DefinedProjections(projections: first, store: store, start: false).sync() == ["paid"])
            try await first.catchUp("paid")
            await first.close()

            // Another process on the store: it finds the definition and the stored state.
            let second = Projections(store: store, clock: clock)
            #expect(try await DefinedProjections(projections: second, store: store, start: false).sync() == ["paid"])
            #expect(try second.stateJSON(of: "paid").map { String(decoding: $0, as: UTF8.self) } == #"{"Pay-1":{"total":16},"Pay-2":{"total":7}}"#)
            #expect(try second.status(of: "paid").position == 3)
            await second.close()
        }
    }
}
