import Foundation
import Testing
@testable import Core

@Test func aPaymentStreamIsNamedOnlyByItsOwnDirectionAndLowerCaseId() throws {
    let id = try #require(UUID(uuidString: "0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9"))
    let inbound = BankStream.payment(.inbound, id)
    #expect(inbound.isNamed("Payments-Inbound-0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"))
    #expect(!inbound.isNamed("Payments-Inbound-0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9"))
    #expect(!inbound.isNamed("Payments-Outbound-0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"))
    #expect(!inbound.isNamed("Payments-Inbound-0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f8"))
    #expect(!inbound.isNamed("Payments-Inbound-0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f"))
    #expect(!inbound.isNamed("Payments-Inbound-0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f90"))
    #expect(!inbound.isNamed("Ledger-401234-10000329"))
    #expect(!inbound.isNamed(""))
    #expect(BankStream.payment(.outbound, id).isNamed("Payments-Outbound-0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"))
}

@Test func everyOtherStreamIsNamedExactlyByItsName() throws {
    let account = try #require(AccountID(sortCode: "401234", accountNumber: "10000329"))
    #expect(BankStream.ledger(account).isNamed("Ledger-401234-10000329"))
    #expect(!BankStream.ledger(account).isNamed("Accounts-401234-10000329"))
    #expect(BankStream.settings.isNamed("BankSettings"))
    #expect(!BankStream.settings.isNamed("Operators"))
}
