import Foundation
import Store
import Testing
@testable import Core

/// The bundled projection-language examples (`seeds/projections/`) over a generated bank
/// history give what the same folds written in Swift give.
@Suite struct ProjectionExamplesTests {
    static func example(_ file: String) throws -> String {
        let directory = try #require(BundledSeeds.directory)
        return try String(contentsOf: directory.appendingPathComponent("projections").appendingPathComponent(file), encoding: .utf8)
    }

    /// A generated history's `Payments` events, in log order (what `fromCategory("Payments")` reads).
    static func payments(seed: UInt64) throws -> [RecordedEvent] {
        var history = SyntheticBankHistory(seed: seed)
        history.accounts = 40
        history.secondsBetweenPayments = 90 // spread over many hours
        return try history.generate(eventCount: 6_000).filter { StreamNames.category(of: $0.stream) == "Payments" }
    }

    static func run(_ text: String, over events: [RecordedEvent]) throws -> TextProjectionState {
        let projection = try TextProjection(name: "example", text: text)
        var state = projection.initialState
        for event in events { try projection.apply(&state, event) }
        return state
    }

    /// `2026-05-28T20:26:40.123Z`, by Foundation (not the language's own formatting).
    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    static func ends(_ event: BankEvent) -> Bool {
        switch event {
        case .inboundPaymentBalanceUpdated, .inboundPaymentReturned, .inboundPaymentFailed, .inboundHeldPaymentRejected: true
        default: false
        }
    }

    /// The held-payments example in Swift, for any threshold in pence.
    static func heldOver(_ threshold: Int64, _ events: [RecordedEvent]) throws -> TextProjectionState {
        var remembered: [String: (amount: Int64, sortCode: String)] = [:]
        var result: [String: ProjectionValue] = [:]
        for event in events {
            let decoded = try BankEvent.decode(event)
            switch decoded {
            case .inboundPaymentValidated(let validated):
                remembered[event.stream] = (validated.amount.pence, validated.account.sortCode.digits)
            case .inboundPaymentHeld:
                guard let payment = remembered[event.stream], payment.amount > threshold else { continue }
                var group: [String: ProjectionValue] = [:]
                if case .object(let existing)? = result[payment.sortCode] { group = existing }
                if case .int(let held)? = group["held"] { group["held"] = .int(held + 1) } else { group["held"] = .int(1) }
                if case .int(let total)? = group["totalPence"] { group["totalPence"] = .int(total + payment.amount) } else { group["totalPence"] = .int(payment.amount) }
                if case .int(let largest)? = group["largestPence"], largest >= payment.amount {} else { group["largestPence"] = .int(payment.amount) }
                group["lastHeldAt"] = .string(iso(event.created))
                result[payment.sortCode] = .object(group)
            default:
                if ends(decoded) { remembered[event.stream] = nil }
            }
        }
        let kept = remembered.mapValues { ["amount": ProjectionValue.int($0.amount), "sortCode": .string($0.sortCode)] }
        return TextProjectionState(result: result, remembered: kept)
    }

    @Test func theHeldPaymentsExampleMatchesTheSwiftFold() throws {
        let events = try Self.payments(seed: 11)
        let text = try Self.example("held-over-10000.proj")
        let state = try Self.run(text, over: events)
        #expect(state == (try Self.heldOver(1_000_000, events)))
        // The generated payments are at most £2,500: at £1,000 there are groups to compare.
        let lower = try Self.run(text.replacingOccurrences(of: "> 1000000", with: "> 100000"), over: events)
        let expected = try Self.heldOver(100_000, events)
        #expect(lower == expected)
        // The generated accounts share one sort code: one group, holding several payments.
        guard case .object(let group)? = expected.result["400000"], case .int(let held)? = group["held"] else {
            Issue.record("no group for 400000 in \(expected.result)")
            return
        }
        #expect(held >= 2)
    }

    @Test func thePaymentsPerSchemePerHourExampleMatchesTheSwiftFold() throws {
        let events = try Self.payments(seed: 12)
        let state = try Self.run(try Self.example("payments-per-scheme-per-hour.proj"), over: events)

        var schemes: [String: String] = [:]
        var counts: [String: [String: [String: Int64]]] = [:] // scheme → hour → figure → value
        for event in events {
            let decoded = try BankEvent.decode(event)
            let hour = String(Self.iso(event.created).prefix(13))
            switch decoded {
            case .inboundPaymentReceived(let received):
                counts[received.scheme.rawValue, default: [:]][hour, default: [:]]["received", default: 0] += 1
                schemes[event.stream] = received.scheme.rawValue
            case .inboundPaymentValidated(let validated):
                let scheme = try #require(schemes[event.stream])
                counts[scheme, default: [:]][hour, default: [:]]["validated", default: 0] += 1
                counts[scheme, default: [:]][hour, default: [:]]["validatedPence", default: 0] += validated.amount.pence
            default:
                if Self.ends(decoded) { schemes[event.stream] = nil }
            }
        }
        let result = counts.mapValues { hours in ProjectionValue.object(hours.mapValues { figures in .object(figures.mapValues { .int($0) }) }) }
        #expect(state == TextProjectionState(result: result, remembered: schemes.mapValues { ["scheme": .string($0)] }))
        #expect(counts.count == 3)
        #expect(counts.values.map(\.count).reduce(0, +) > 6)
    }
}
