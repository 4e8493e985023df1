import Foundation
@testable import Store
import Testing

/// Programs in the projection language run by the projection host: state, faults, reset.
@Suite(.timeLimit(.minutes(1))) struct ProjectionLanguageRunTests {
    static func event(_ store: any EventStore, _ stream: String, _ type: String, _ json: String, metadata: String = "") async throws {
        _ = try await store.append(to: stream, expected: .any,
                                   events: [EventData(type: type, data: Data(json.utf8), metadata: Data(metadata.utf8))])
    }

    static func stateJSON(_ projections: Projections, _ name: String) throws -> String? {
        try projections.stateJSON(of: name).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aggregatesGroupedByAFieldFollowTheirWhereClause() async throws {
        let (store, clock) = PersistentFixture.store()
        try await Self.event(store, "Pay-1", "Paid", #"{"amount":1500,"to":{"sortCode":"401234"},"note":"a"}"#)
        try await Self.event(store, "Pay-2", "Paid", #"{"amount":20,"to":{"sortCode":"401234"},"note":"b"}"#)
        try await Self.event(store, "Pay-3", "Paid", #"{"amount":3000,"to":{"sortCode":"200000"},"note":"c \"quoted\""}"#)
        try await Self.event(store, "Pay-4", "Paid", #"{"amount":2500.5,"to":{"sortCode":"401234"},"note":"d"}"#)
        try await Self.event(store, "Pay-4", "Refunded", #"{"amount":99}"#)
        try await Self.event(store, "Other-1", "Paid", #"{"amount":99999}"#)
        let projection = try TextProjection(name: "big", text: """
        fromCategory("Pay")
        when Paid
        where data.amount > 1000
        groupBy data.to.sortCode {
          count() as payments
          sum(data.amount) as total
          min(data.amount) as smallest
          max(data.note) as lastNote
          last(event.stream) as stream
        }
        when Refunded { count() as refunds }
        """)
        #expect(projection.source == .category("Pay"))
        let projections = Projections(store: store, clock: clock)
        try projections.register(projection)
        try await projections.catchUp("big")

        #expect(try Self.stateJSON(projections, "big") == #"{"200000":{"lastNote":"c \"quoted\"","payments":1,"smallest":3000,"stream":"Pay-3","total":3000},"#
            + #""401234":{"lastNote":"d","payments":2,"smallest":1500,"stream":"Pay-4","total":4000.5},"refunds":1}"#)
        #expect(try projections.status(of: "big").eventsProcessed == 5)
    }

    @Test func rememberedValuesCarryFromOneEventOfAStreamToALaterOneUntilForgotten() async throws {
        let (store, clock) = PersistentFixture.store()
        try await Self.event(store, "Pay-1", "Validated", #"{"amount":"12000.00","account":{"sortCode":"401234"}}"#)
        try await Self.event(store, "Pay-2", "Validated", #"{"amount":"50.00","account":{"sortCode":"401234"}}"#)
        try await Self.event(store, "Pay-1", "Held", #"{"matches":[]}"#)
        try await Self.event(store, "Pay-2", "Held", #"{"matches":[]}"#)
        try await Self.event(store, "Pay-2", "Settled", "{}")
        let projection = try TextProjection(name: "held", text: """
        fromCategory("Pay")
        when Validated remember { pence(data.amount) as amount  data.account.sortCode as sortCode }
        when Held where remembered.amount > 1000000 groupBy remembered.sortCode { count() as held  sum(remembered.amount) as total }
        when Settled forget
        """)
        let projections = Projections(store: store, clock: clock)
        try projections.register(projection)
        try await projections.catchUp("held")

        #expect(try Self.stateJSON(projections, "held")
            == #"{"$remembered":{"Pay-1":{"amount":1200000,"sortCode":"401234"}},"401234":{"held":1,"total":1200000}}"#)
    }

    @Test func aTypeErrorInAnEventFaultsTheProjectionAtThatEventUntilReset() async throws {
        let (store, clock) = PersistentFixture.store()
        try await Self.event(store, "Pay-1", "Paid", #"{"amount":10}"#)
        try await Self.event(store, "Pay-2", "Paid", #"{"amount":"ten"}"#)
        try await Self.event(store, "Pay-3", "Paid", #"{"amount":5}"#)
        let projection = try TextProjection(name: "sums", text: "fromAll()\nwhen Paid {\n  sum(data.amount) as total\n}")
        #expect(projection.source == .eventTypes(["Paid"]))
        let projections = Projections(store: store, clock: clock)
        try projections.register(projection)
        try await projections.catchUp("sums")

        let status = try projections.status(of: "sums")
        #expect(status.runState == .faulted)
        #expect(status.fault == ProjectionFault(message: "line 3:3: '+' needs numbers, not string \"ten\"", stream: "Pay-2", version: 0, position: 1))
        // Another process opening the store sees the fault too.
        let again = Projections(store: store, clock: clock)
        try again.register(try TextProjection(name: "sums", text: projection.text))
        #expect(try again.status(of: "sums").runState == .faulted)

        try await Self.event(store, "Pay-2", "Corrected", "{}")
        try await projections.reset("sums")
        try await projections.catchUp("sums")
        #expect(try projections.status(of: "sums").fault?.position == 1)
    }

    @Test func eventFieldsMetadataAndFunctionsReadAsDocumented() async throws {
        let (store, clock) = PersistentFixture.store()
        clock.advance(by: 3_600 * 5 + 61.25)
        try await Self.event(store, "Pay-1", "Paid", #"{"amount":"12.34","scheme":"Fps"}"#, metadata: #"{"actor":"ops"}"#)
        try await Self.event(store, "Pay-1", "Paid", #"{"amount":"0.5","scheme":"Fps"}"#, metadata: #"{"actor":null}"#)
        let projection = try TextProjection(name: "fields", text: """
        fromStreams("Pay-1")
        when Paid groupBy data.scheme, hour(event.created) {
          sum(pence(data.amount)) as pence
          last(coalesce(metadata.actor, "nobody")) as actor
          last(event.created) as created
          max(event.version * 10 + event.position) as mark
          last(number(data.amount) / 2) as half
        }
        """)
        #expect(projection.source == .stream("Pay-1"))
        let projections = Projections(store: store, clock: clock)
        try projections.register(projection)
        try await projections.catchUp("fields")
        #expect(try Self.stateJSON(projections, "fields")
            == #"{"Fps":{"2026-05-29T01":{"actor":"nobody","created":"2026-05-29T01:27:41.250Z","half":0.25,"mark":11,"pence":1284}}}"#)
    }

    @Test func definitionsAreRecordedRefusedWhenTakenAndDeleted() async throws {
        let (store, clock) = PersistentFixture.store()
        try await Self.event(store, "Pay-1", "Paid", #"{"amount":10}"#)
        let counting = try TextProjection(name: "paid", text: "fromAll() when Paid { count() as n }")
        try await ProjectionDefinitions.define(counting, in: store, reserved: ["fraud-analysis"])
        await #expect(throws: EventStoreError.projectionExists("paid")) {
            try await ProjectionDefinitions.define(counting, in: store)
        }
        await #expect(throws: EventStoreError.projectionExists("fraud-analysis")) {
            try await ProjectionDefinitions.define(try TextProjection(name: "fraud-analysis", text: counting.text), in: store, reserved: ["fraud-analysis"])
        }
        #expect(try ProjectionDefinitions.load(from: store).definitions == [ProjectionDefinition(name: "paid", text: counting.text)])

        // A host in step with the stream runs it; deleting it stops it there.
        let projections = Projections(store: store, clock: clock)
        let defined = DefinedProjections(projections: projections, store: store, start: false)
        #expect(try await defined.sync() == ["paid"])
        #expect(try await defined.sync() == [])
        try await projections.catchUp("paid")
        #expect(try Self.stateJSON(projections, "paid") == #"{"n":1}"#)
        try await ProjectionDefinitions.delete("paid", in: store)
        await #expect(throws: EventStoreError.projectionNotFound("paid")) { try await ProjectionDefinitions.delete("paid", in: store) }
        #expect(try await defined.sync() == [])
        #expect(projections.status().isEmpty)

        // Created again with another program, it starts afresh, not from the old state.
        try await ProjectionDefinitions.define(try TextProjection(name: "paid", text: "fromAll() when Paid { count() as again }"), in: store)
        #expect(try await defined.sync() == ["paid"])
        try await projections.catchUp("paid")
        #expect(try Self.stateJSON(projections, "paid") == #"{"again":1}"#)
    }
}
