import Foundation
import Store
import Testing
@testable import Core

private let id = UUID(uuidString: "00000000-0000-4000-8000-0000000000c1")!
private let paymentId = UUID(uuidString: "00000000-0000-4000-8000-0000000000c2")!

private func recorded(_ event: InboundPaymentSanctionsChecked) -> RecordedEvent {
    RecordedEvent(stream: "Payments-Inbound-x", version: 0, position: 0, id: id, type: InboundPaymentSanctionsChecked.eventType,
                  created: Date(timeIntervalSince1970: 0), data: BankCodec.encode(event), metadata: Data())
}

@Test func aRememberedEventIsReturnedOnlyWhenTheStoredBytesAreTheRememberedOnes() throws {
    let memo = DecodedEvents()
    let remembered = InboundPaymentSanctionsChecked(paymentId: paymentId, released: false)
    memo.remember([(id, BankCodec.encode(remembered), remembered.wrapped)])
    #expect(memo.event(for: recorded(remembered)) == remembered.wrapped)
    let stored = InboundPaymentSanctionsChecked(paymentId: paymentId, released: true)
    #expect(memo.event(for: recorded(stored)) == nil)
    #expect(try memo.decode(recorded(stored)) == stored.wrapped)
}

@Test func theMemoKeepsAtMostItsCapacity() {
    let memo = DecodedEvents(capacity: 4)
    let event = InboundPaymentSanctionsChecked(paymentId: paymentId, released: false)
    let ids = (0..<6).map { DerivedEventID.make(name: "memo:\($0)") }
    for each in ids { memo.remember([(each, BankCodec.encode(event), event.wrapped)]) }
    func held(_ each: UUID) -> Bool {
        memo.event(for: RecordedEvent(stream: "s", version: 0, position: 0, id: each, type: InboundPaymentSanctionsChecked.eventType,
                                      created: Date(timeIntervalSince1970: 0), data: BankCodec.encode(event), metadata: Data())) != nil
    }
    #expect(ids.map(held) == [false, false, false, false, true, true])
}
