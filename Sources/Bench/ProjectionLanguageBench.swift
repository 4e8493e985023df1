import Core
import Foundation
import Store

/// `bank-bench projection`: `projection.runtime`, events per second through a projection
/// written in the projection language against the same projection written in Swift, both run
/// by the projection host (reset, then caught up) over the same generated bank history.
///
/// The projection is the bundled `payments-per-scheme-per-hour.proj`: per scheme and UTC hour,
/// payments received, validated and the validated pence, remembering each payment's scheme
/// from its first event. The Swift one decodes the bank's events the bank's way
/// (`BankEvent.decode`) and formats the hour with `ISO8601Milliseconds`. `--events N` sets the
/// history's length (default 200,000).
enum ProjectionLanguageBench {
    static func run() async throws {
        let count = Int(value(of: "--events") ?? "") ?? 200_000
        var history = SyntheticBankHistory(seed: 42)
        history.secondsBetweenPayments = 20
        let events = try history.generate(eventCount: count)
        let store = MemoryEventStore(clock: SystemClock())
        for chunk in stride(from: 0, to: events.count, by: 512) {
            let appends = events[chunk..<min(events.count, chunk + 512)].map {
                StreamAppend(stream: $0.stream, expected: .any, events: [EventData(id: $0.id, type: $0.type, data: $0.data, metadata: $0.metadata)])
            }
            for result in await store.append(appends) { _ = try result.get() }
        }
        let source = events.filter { StreamNames.category(of: $0.stream) == "Payments" }.count
        guard let directory = BundledSeeds.directory else { throw EventStoreError.invalidSettings("the bundled seeds are missing") }
        let text = try String(contentsOf: directory.appendingPathComponent("projections/payments-per-scheme-per-hour.proj"), encoding: .utf8)

        let projections = Projections(store: store, clock: SystemClock())
        try projections.register(try TextProjection(name: "text", text: text))
        try projections.register(SchemeHours.projection(name: "swift"))
        // Warm both once, then take the best of three rebuilds each.
        var best: [String: Double] = [:]
        for round in 0..<4 {
            for name in ["text", "swift"] {
                let clock = ContinuousClock()
                let started = clock.now
                try await projections.reset(name)
                try await projections.catchUp(name)
                let rate = Double(source) / started.duration(to: clock.now).seconds
                if round > 0 { best[name] = max(best[name] ?? 0, rate) }
            }
        }
        try check(projections)
        let textRate = best["text"] ?? 0, swiftRate = best["swift"] ?? 0
        report("projection.runtime.text", textRate, "events/s")
        report("projection.runtime.swift", swiftRate, "events/s")
        report("projection.runtime.ratio", swiftRate > 0 ? textRate / swiftRate : 0, "x")
    }

    /// Both projections reached the same figures (the text one also keeps its remembered schemes).
    static func check(_ projections: Projections) throws {
        guard let text = try projections.state(of: "text", as: TextProjectionState.self),
              let swift = try projections.state(of: "swift", as: SchemeHours.State.self) else {
            throw EventStoreError.invalidSettings("a projection has no state after its rebuild")
        }
        var expected: [String: ProjectionValue] = [:]
        for (scheme, hours) in swift.counts {
            expected[scheme] = .object(hours.mapValues { figures in
                // A figure the text projection never touched in that hour is absent there.
                var members: [String: ProjectionValue] = [:]
                if figures.received > 0 { members["received"] = .int(figures.received) }
                if figures.validated > 0 {
                    members["validated"] = .int(figures.validated)
                    members["validatedPence"] = .int(figures.validatedPence)
                }
                return .object(members)
            })
        }
        guard text.result == expected else {
            throw EventStoreError.invalidSettings("the text projection and the Swift one disagree")
        }
    }

    static func value(of option: String) -> String? {
        let arguments = CommandLine.arguments
        guard let index = arguments.firstIndex(of: option), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func report(_ name: String, _ value: Double, _ unit: String) {
        print("\(name)\t\(String(format: value < 10 ? "%.2f" : "%.0f", value))\t\(unit)")
    }
}

/// `payments-per-scheme-per-hour.proj` written in Swift.
enum SchemeHours {
    struct Figures: Codable, Sendable {
        var received: Int64 = 0
        var validated: Int64 = 0
        var validatedPence: Int64 = 0
    }

    struct State: Codable, Sendable {
        var counts: [String: [String: Figures]] = [:]
        var schemes: [String: String] = [:]
    }

    static func hour(_ event: RecordedEvent) -> String {
        String(ISO8601Milliseconds.string(event.created).prefix(13))
    }

    static func projection(name: String) -> HandlerProjection<State> {
        let ends: @Sendable (inout State, RecordedEvent) throws -> Void = { state, event in state.schemes[event.stream] = nil }
        return HandlerProjection(name: name, source: .category("Payments"), initialState: State())
            .when(InboundPaymentReceived.eventType) { state, event in
                guard case .inboundPaymentReceived(let received) = try BankEvent.decode(event) else { return }
                let scheme = received.scheme.rawValue
                state.counts[scheme, default: [:]][hour(event), default: Figures()].received += 1
                state.schemes[event.stream] = scheme
            }
            .when(InboundPaymentValidated.eventType) { state, event in
                guard case .inboundPaymentValidated(let validated) = try BankEvent.decode(event),
                      let scheme = state.schemes[event.stream] else { return }
                state.counts[scheme, default: [:]][hour(event), default: Figures()].validated += 1
                state.counts[scheme, default: [:]][hour(event), default: Figures()].validatedPence += validated.amount.pence
            }
            .when(InboundPaymentBalanceUpdated.eventType, ends)
            .when(InboundPaymentReturned.eventType, ends)
            .when(InboundPaymentFailed.eventType, ends)
            .when(InboundHeldPaymentRejected.eventType, ends)
    }
}
