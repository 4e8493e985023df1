import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// The held pane's evidence for a hold on a real-list entry: the list name matched, the entry
/// (id with OFAC's number) and its primary name when an alias matched, type, programmes and
/// the score from 0 to 100.
@Suite struct HeldEvidenceGoldenTests {
    /// `PaneBankFixture.eventsWithHolds` with the hold's evidence replaced by a match on an
    /// alias of an OFAC entry.
    static func eventsWithAnOFACHold() throws -> [RecordedEvent] {
        try PaneBankFixture.eventsWithHolds.map { event in
            guard event.type == InboundPaymentHeld.eventType, case .inboundPaymentHeld(let held) = try BankEvent.decode(event) else { return event }
            let match = ScreeningMatch(role: .originator, name: held.matches[0].name, matched: "NATIONAL BANK OF CUBA", entryId: "OFAC-306",
                                       entryName: "BANCO NACIONAL DE CUBA", score: 0.9666, entryKind: "entity", programs: ["CUBA"],
                                       listNumber: 306)
            let data = try BankCodec.encode(InboundPaymentHeld(paymentId: held.paymentId, matches: [match], threshold: held.threshold))
            return RecordedEvent(stream: event.stream, version: event.version, position: event.position, id: event.id, type: event.type,
                                 created: event.created, data: data, metadata: event.metadata)
        }
    }

    @Test func aHoldOnAnOFACAliasShowsTheEntryItsTypeProgrammesAndScore() throws {
        let state = PaneBankFixture.state(width: 120, height: 40, pane: .held, events: try Self.eventsWithAnOFACHold())
        expectGolden(render(state), "held-ofac-120x40")
    }
}
