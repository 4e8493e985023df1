import Foundation
import Testing
@testable import Core

@Test func everyKindNamesOneTypeAndEveryNameDecodes() {
    let names = BankEvent.Kind.allCases.map { $0.payloadType.eventType }
    #expect(names.count == 44)
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy(BankEvent.isBankEventType))
    #expect(Set(BankEvent.Kind.allCases.map { ObjectIdentifier($0.payloadType) }).count == names.count)
}

@Test func anEventKnowsItsKindAndTypeName() throws {
    let event = AccountBlocked(account: AccountID(sortCode: "401234", accountNumber: "11111299")!, reason: "fraud", by: "jo")
    #expect(event.wrapped.kind == .accountBlocked)
    #expect(event.wrapped.eventType == "AccountBlocked")
    #expect(try BankEvent.decode(type: "AccountBlocked", data: try BankCodec.encode(event)) == event.wrapped)
}

@Test func anUnknownTypeIsATypedFailureNotACrash() {
    #expect(throws: BankEvent.DecodingFailure.unknownType("AccountRenamed")) {
        try BankEvent.decode(type: "AccountRenamed", data: Data("{}".utf8))
    }
    #expect(!BankEvent.isBankEventType("$metadata"))
}

@Test func aNonFiniteScoreIsATypedEncodingFailure() {
    let held = InboundPaymentHeld(paymentId: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, matches: [], threshold: .nan)
    #expect(throws: BankCodec.EncodingFailure.self) { try BankCodec.encode(held) }
}
