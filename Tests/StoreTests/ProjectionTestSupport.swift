import Foundation
import Store

/// Counts events per stream of the `Acc` category and keeps the last amount seen.
struct AccountTally: Projection {
    struct State: Codable, Sendable, Hashable {
        var events = 0
        var total = 0
    }

    var name = "account-tally"
    var source = ProjectionSource.category("Acc")
    var initialState: State { State() }

    func partition(of event: RecordedEvent) -> String? { event.stream }

    func apply(_ state: inout State, _ event: RecordedEvent) throws {
        struct Body: Decodable { var amount: Int }
        state.events += 1
        if event.type == "Deposited" {
            state.total += try JSONDecoder().decode(Body.self, from: event.data).amount
        }
    }
}

struct ProjectionError: Error, CustomStringConvertible {
    var description: String
}

enum ProjectionFixture {
    /// Projections on `store` (default settings) with `AccountTally` registered, not started.
    static func tally(on store: any EventStore, clock: ManualClock) throws -> Projections {
        let projections = Projections(store: store, clock: clock)
        try projections.register(AccountTally())
        return projections
    }

    static func deposit(_ store: any EventStore, _ stream: String, _ amount: Int) async throws {
        _ = try await store.append(to: stream, expected: .any,
                                   events: [EventData(type: "Deposited", data: Data("{\"amount\":\(amount)}".utf8))])
    }
}
