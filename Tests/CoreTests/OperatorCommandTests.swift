import Foundation
import Store
import Testing
@testable import Core

/// Operators and settings through the bank: recorded as events, refused without the role.
@Suite struct OperatorCommandTests {
    @Test func aNewBankMakesItsCreatorItsFirstSupervisorOnce() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        let first = try store.read(BankStream.operators.name, maxCount: 1)[0]
        #expect(try BankEvent.decode(first) == .operatorAdded(OperatorAdded(name: "operator", role: .supervisor, by: "operator",
                                                                             reason: "the first operator of this bank")))
        #expect(BankCodec.metadata(of: first)?.actor == "Administration/operator:operator")
        let head = store.headPosition
        try await bank.addFirstOperator("someone-else")
        #expect(store.headPosition == head)
        #expect(try bank.operators().role(of: "someone-else") == nil)
        await bank.close()
    }

    @Test func aSupervisorAddsChangesAndRemovesOperatorsButNeverTheLastSupervisor() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        try await bank.addOperator("vic", role: .viewer, reason: "auditor", by: "sam")
        try await bank.addOperator("vic", role: .operator, reason: "trained", by: "sam")
        #expect(try bank.operators().role(of: "vic") == .operator)
        await #expect(throws: BankError.operatorUnchanged(name: "vic", role: .operator)) {
            try await bank.addOperator("vic", role: .operator, reason: "again", by: "sam")
        }
        try await bank.removeOperator("vic", reason: "left", by: "sam")
        #expect(try bank.operators().role(of: "vic") == nil)
        await #expect(throws: BankError.unknownOperator("vic")) { try await bank.removeOperator("vic", reason: "x", by: "sam") }
        try await bank.removeOperator("compliance", reason: "left", by: "sam")
        try await bank.removeOperator("operator", reason: "retired", by: "sam")
        let head = store.headPosition
        await #expect(throws: BankError.lastSupervisor("sam")) { try await bank.removeOperator("sam", reason: "x", by: "sam") }
        await #expect(throws: BankError.lastSupervisor("sam")) { try await bank.addOperator("sam", role: .viewer, reason: "x", by: "sam") }
        await #expect(throws: BankError.roleRequired(name: "jo", role: .operator, action: .manageOperators)) {
            try await bank.addOperator("eve", role: .supervisor, reason: "promote me", by: "jo")
        }
        await #expect(throws: BankError.invalidOperatorName("the name is empty")) {
            try await bank.addOperator("", role: .viewer, reason: "x", by: "sam")
        }
        #expect(store.headPosition == head)
        await bank.close()
    }

    @Test func aViewerOrAStrangerChangesNothing() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        try await bank.addOperator("vic", role: .viewer, reason: "auditor", by: "sam")
        let head = store.headPosition
        await #expect(throws: BankError.roleRequired(name: "vic", role: .viewer, action: .block)) {
            try await bank.block(sortCode: "401234", accountNumber: "10000329", reason: "fraud", by: "vic")
        }
        await #expect(throws: BankError.notAnOperator(name: "mallory", action: .changeSanctions)) {
            try await bank.addSanctionedName("Someone Innocent", by: "mallory")
        }
        await #expect(throws: BankError.roleRequired(name: "jo", role: .operator, action: .close)) {
            try await bank.close(sortCode: "401234", accountNumber: "10000329", reason: "x", by: "jo")
        }
        await #expect(throws: BankError.roleRequired(name: "jo", role: .operator, action: .changeSettings)) {
            try await bank.setFourEyesThreshold(Money(pence: 100), reason: "x", by: "jo")
        }
        #expect(store.headPosition == head)
        await bank.close()
    }

    @Test func anOperatorsActionRecordsTheirRoleHostUserAndProcess() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        try await bank.block(sortCode: "401234", accountNumber: "10000329", reason: "fraud report", by: "jo")
        let last = try store.read("Accounts-401234-10000329", from: .end, direction: .backward, maxCount: 1)[0]
        let metadata = try #require(BankCodec.metadata(of: last))
        #expect(metadata.actor == "Accounts/operator:jo")
        let process = OperatorIdentity.current(environment: [:])
        #expect(metadata.origin == OperatorOrigin(role: .operator, host: process.host, osUser: process.osUser, pid: getpid()))
        await bank.close()
    }

    @Test func theFourEyesThresholdIsASettingRecordedAsAnEvent() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        #expect(try bank.settings().fourEyesThreshold == Money(pence: 1_000_000))
        try await bank.setFourEyesThreshold(Money(pence: 50_000), reason: "tighter controls", by: "sam")
        #expect(try bank.settings().fourEyesThreshold == Money(pence: 50_000))
        let last = try store.read(BankStream.settings.name, from: .end, direction: .backward, maxCount: 1)[0]
        #expect(try BankEvent.decode(last) == .fourEyesThresholdSet(FourEyesThresholdSet(amount: Money(pence: 50_000), by: "sam",
                                                                                           reason: "tighter controls")))
        await bank.close()
    }
}
