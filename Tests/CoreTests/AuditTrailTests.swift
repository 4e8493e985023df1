import Foundation
import Store
import Testing
@testable import Core

/// The audit trail read from the events: every operator action, newest first, paged.
@Suite struct AuditTrailTests {
    /// A test bank where jo and sam block and unblock accounts `count` times between payments.
    private func busyBank(_ count: Int) async throws -> (Bank, MemoryEventStore) {
        let (bank, store, _) = try await openTestBank()
        for n in 0..<count {
            let by = n % 3 == 0 ? "sam" : "jo"
            if n % 2 == 0 {
                try await bank.block(sortCode: "401234", accountNumber: "10000337", reason: "check \(n)", by: by)
            } else {
                try await bank.unblock(sortCode: "401234", accountNumber: "10000337", reason: "cleared \(n)", by: by)
            }
            if n % 5 == 0 { _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "1.00")) }
        }
        return (bank, store)
    }

    @Test(arguments: [1, 2, 7, 50])
    func pagesJoinUpToTheWholeTrailNewestFirst(pageSize: Int) async throws {
        let (bank, store) = try await busyBank(40)
        let whole = try AuditTrail.page(in: store, limit: 1_000)
        #expect(whole.count == 40 + 4) // 40 account actions, the creator and three staff added
        #expect(zip(whole, whole.dropFirst()).allSatisfy { $0.position > $1.position })
        var paged: [AuditEntry] = []
        var before: UInt64?
        while true {
            let page = try AuditTrail.page(in: store, before: before, limit: pageSize)
            paged += page
            guard page.count == pageSize, let last = page.last else { break }
            before = last.position
        }
        #expect(paged == whole)
        await bank.close()
    }

    @Test func filtersKeepOnlyWhatWasAskedFor() async throws {
        let (bank, store) = try await busyBank(12)
        let sams = try AuditTrail.page(in: store, limit: 100, filter: AuditTrail.Filter(by: "sam", actions: [.block]))
        #expect(sams.map(\.reason) == ["check 6", "check 0"])
        #expect(sams.allSatisfy { $0.origin?.role == .supervisor && $0.subject == .account(AccountID(sortCode: "401234", accountNumber: "10000337")!) })
        let adds = try AuditTrail.page(in: store, limit: 100, filter: AuditTrail.Filter(actions: [.operatorAdd]))
        #expect(adds.map(\.subject.text) == ["compliance", "sam", "jo", "operator"])
        #expect(adds.last?.outcome == "added as supervisor")
        await bank.close()
    }

    @Test func processorsAndTheSimulatorAreNotOperators() async throws {
        let (bank, store) = try await busyBank(0)
        _ = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000329", toSortCode: "200000",
                                                       toAccountNumber: "12345803", amount: "5.00", toName: "Walsh Carter"), by: "jo")
        let trail = try AuditTrail.page(in: store, limit: 100)
        #expect(trail.first?.action == .send)
        #expect(trail.first?.by == "jo")
        #expect(trail.filter { $0.action == .send }.count == 1) // the payments the simulator sent are not there
        await bank.close()
    }

    @Test func everyKindOfActionHasItsRow() async throws {
        let (bank, store) = try await busyBank(0)
        // Names written from here on are sealed, so there is a key for `forget-customer` to delete.
        let keys = FileManager.default.temporaryDirectory.appendingPathComponent("audit-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keys) }
        PersonalDataKeyring.register(PersonalData(keys: FileCustomerKeyStore(directory: keys, durable: false)), for: store)
        defer { PersonalDataKeyring.unregister(store) }
        try await bank.addOperator("kim", role: .viewer, reason: "auditor", by: "sam")
        try await bank.addOperator("kim", role: .operator, reason: "trained", by: "sam")
        try await bank.removeOperator("kim", reason: "left", by: "sam")
        try await bank.setFourEyesThreshold(Money(pence: 50_000), reason: "tighter", by: "sam")
        let entry = try await bank.addSanctionedName("Peregrine Falconbridge", by: "compliance")
        try await bank.removeSanctionedName(entry.entryId, by: "compliance")
        try await bank.block(sortCode: "401234", accountNumber: "10000337", reason: "fraud", by: "jo")
        try await bank.unblock(sortCode: "401234", accountNumber: "10000337", reason: "cleared", by: "jo")
        try await bank.close(sortCode: "401234", accountNumber: "10000345", reason: "customer asked", by: "sam")
        _ = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000329", toSortCode: "200000",
                                                       toAccountNumber: "12345803", amount: "5.00", toName: "Walsh Carter"), by: "jo")
        func held(_ amount: String) async throws -> String {
            try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: amount,
                                                     fromName: "Tiberius Nightshade")).paymentId.uuidString
        }
        let small = try await held("10.00"), large = try await held("900.00"), rejected = try await held("20.00")
        _ = try await bank.release(paymentId: small, reason: "namesake", by: "jo")
        _ = try await bank.release(paymentId: large, reason: "first look", by: "jo")
        _ = try await bank.release(paymentId: large, reason: "agree", by: "sam")
        _ = try await bank.reject(paymentId: rejected, reason: "listed", by: "jo")
        #expect(try await bank.forgetCustomer(sortCode: "401234", accountNumber: "10000329", reason: "erasure request", by: "sam") != .alreadyForgotten)
        let actions = Set(try AuditTrail.page(in: store, limit: 1_000).map(\.action))
        #expect(actions == Set(AuditEntry.Action.allCases))
        await bank.close()
    }
}
