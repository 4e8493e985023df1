import Foundation
import Store
import Testing
@testable import Core

@Test func anInboundPaymentToAnAccountFailingTheModulusCheckIsReturnedSayingSo() async throws {
    let bank = try await BankFixture()
    // 401234 11111111: MOD11 over b…h (7 6 5 4 3 2 1) gives 28, remainder 6.
    let wrong = PaymentParty(sortCode: "401234", accountNumber: "11111111", name: "Ada Whitlock")
    try await bank.schemeSends(to: wrong)
    try await bank.run()
    #expect(try bank.inbound().last == .inboundPaymentReturned(InboundPaymentReturned(
        paymentId: BankFixture.paymentId, reason: PaymentFailure(
            code: .invalidPayment,
            detail: "fails modulus check: beneficiary account 40-12-34 11111111: MOD11 remainder 6 (total 28)"))))
}

@Test func anOutboundSendToAnAccountFailingTheModulusCheckIsRefusedAndWritesNothing() async throws {
    let (bank, store, _) = try await openTestBank()
    let head = store.headPosition
    await #expect(throws: BankError.failsModulusCheck(
        "fails modulus check: beneficiary account 60-12-34 12345678: MOD11 remainder 10 (total 120)")) {
        _ = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000329",
                                                       toSortCode: "601234", toAccountNumber: "12345678", amount: "1.00"))
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func everyBundledSeedAccountPassesTheModulusCheck() throws {
    let checker = try bundledChecker()
    let files = try SeedFiles(directory: try #require(BundledSeeds.directory))
    #expect(files.accounts.count == 24)
    for seed in files.accounts {
        #expect(checker.check(seed.account).isValid, "\(seed.account): \(checker.check(seed.account))")
    }
}

@Test func aSeedAccountFailingTheModulusCheckIsRefusedWithItsLine() {
    #expect(throws: SeedError.malformed(file: "accounts.txt", line: 1,
                                        reason: "fails modulus check: seed account 40-12-34 10000001: MOD11 remainder 1 (total 1)")) {
        try SeedFiles.parseAccounts("40-12-34 | 10000001 | Ada | open | 1.00")
    }
}

@Test func syntheticAccountsAllPassAndStayDistinctAcrossTheFirstSortCodeGroups() throws {
    let checker = try bundledChecker()
    var seen: Set<AccountID> = []
    var sortCodes: Set<String> = []
    for account in try SyntheticAccounts(count: 3_000, seed: 5) {
        #expect(checker.check(account.account).isValid, "\(account.account)")
        #expect(seen.insert(account.account).inserted)
        sortCodes.insert(account.account.sortCode.digits)
    }
    #expect(sortCodes == ["401234", "401235", "401236"])
    // The same seed gives the same accounts; a longer run starts with the shorter one.
    let short = try SyntheticAccounts(count: 300, seed: 5).map(\.account)
    #expect(Array(try SyntheticAccounts(count: 3_000, seed: 5).map(\.account).prefix(300)) == short)
}

@Test func syntheticAccountsPastThreeSortCodesCapacityMoveToTheNextThree() throws {
    let checker = try bundledChecker()
    let accounts = try SyntheticAccounts(count: 3 * 40 + 6, seed: 1, perSortCode: 40)
    let tail = Array(accounts.map(\.account).suffix(6))
    #expect(tail.map(\.sortCode.digits) == ["401200", "401201", "401202", "401200", "401201", "401202"])
    #expect(tail.allSatisfy { checker.check($0).isValid })
}

@Test func theSimulatorsCounterpartiesAndBeneficiariesAllPassTheModulusCheck() throws {
    let checker = try bundledChecker()
    let open = try SeedFiles(directory: try #require(BundledSeeds.directory)).accounts.filter { $0.status == .open }.map(\.account)
    let directory = SimulatedPaymentFactory.Directory(open: open, blockedOrClosed: [], sanctioned: [])
    var rng = SplitMix64(seed: 11)
    var checked = 0
    for kind in Array(repeating: SimulatedKind.valid, count: 300) + Array(repeating: SimulatedKind.invalid, count: 100) {
        guard case .payment(let payment) = SimulatedPaymentFactory().make(kind, rng: &rng, directory: directory) else { continue }
        let from = try #require(payment.from.account)
        #expect(checker.check(from).isValid, "\(from)")
        if let to = payment.to.account { #expect(checker.check(to).isValid, "\(to)") }
        checked += 1
    }
    #expect(checked == 400)
}
