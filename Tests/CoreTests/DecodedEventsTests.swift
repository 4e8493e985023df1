import Foundation
import Store
import Testing
@testable import Core

private let id = UUID(uuidString: "00000000-0000-4000-8000-0000000000c1")!
private let paymentId = UUID(uuidString: "00000000-0000-4000-8000-0000000000c2")!

private func recorded(_ event: InboundPaymentSanctionsChecked) throws -> RecordedEvent {
    RecordedEvent(stream: "Payments-Inbound-x", version: 0, position: 0, id: id, type: InboundPaymentSanctionsChecked.eventType,
                  created: Date(timeIntervalSince1970: 0), data: try BankCodec.encode(event), metadata: Data())
}

@Test func aRememberedEventIsReturnedOnlyWhenTheStoredBytesAreTheRememberedOnes() throws {
    let memo = DecodedEvents()
    let remembered = InboundPaymentSanctionsChecked(paymentId: paymentId, released: false)
    memo.remember([(id, try BankCodec.encode(remembered), remembered.wrapped)])
    #expect(memo.event(for: try recorded(remembered)) == remembered.wrapped)
    let stored = InboundPaymentSanctionsChecked(paymentId: paymentId, released: true)
    #expect(memo.event(for: try recorded(stored)) == nil)
    #expect(try memo.decode(try recorded(stored)) == stored.wrapped)
}

@Test func theMemoKeepsAtMostItsCapacity() throws {
    let memo = DecodedEvents(capacity: 4)
    let event = InboundPaymentSanctionsChecked(paymentId: paymentId, released: false)
    let ids = (0..<6).map { DerivedEventID.make(name: "memo:\($0)") }
    let data = try BankCodec.encode(event)
    for each in ids { memo.remember([(each, data, event.wrapped)]) }
    func held(_ each: UUID) -> Bool {
        memo.event(for: RecordedEvent(stream: "s", version: 0, position: 0, id: each, type: InboundPaymentSanctionsChecked.eventType,
                                      created: Date(timeIntervalSince1970: 0), data: data, metadata: Data())) != nil
    }
    #expect(ids.map(held) == [false, false, false, false, true, true])
}

@Test func anEventItsAppenderAttachedDecodedIsReturnedWithoutTheMemo() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attached-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: .os, clock: ManualClock()))
    let memo = DecodedEvents()
    let checked = InboundPaymentSanctionsChecked(paymentId: paymentId, released: false)
    let data = try BankCodec.eventData(checked, id: id, metadata: EventMetadata(correlationId: "c", causationId: "c"))
    _ = try await store.append(to: "Payments-Inbound-x", expected: .any, events: [data])
    let read = try store.read(.stream("Payments-Inbound-x"))
    #expect(memo.event(for: read[0]) == checked.wrapped)
    #expect(memo.events(for: read) == [checked.wrapped])
    // Without the attachment (a read from the log), the memo has nothing: it was never told.
    var cold = read[0]
    cold.metadata = read[0].metadata
    #expect(memo.event(for: cold) == nil)
    await store.close()
}
