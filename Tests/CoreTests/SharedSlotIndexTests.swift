import Foundation
import Store
import Testing
@testable import Core

@Test func paymentStatesCountInTheOrderOfAllCases() {
    #expect(PaymentState.allCases.map(\.countIndex) == Array(0..<PaymentState.allCases.count))
}

@Test func copiesOfTheReadModelsThatFoldDifferentLogsNeverSeeEachOthersPaymentsOrAccounts() throws {
    var history = SyntheticBankHistory(seed: 5)
    history.accounts = 12
    let first = try history.generate(eventCount: 900)
    let shared = 400
    // The second log skips 37 events after the shared prefix, so the same payments arrive
    // at other slots (and some only half), and its third of history comes from another seed.
    history.seed = 6
    let other = try history.generate(eventCount: 900)
    var log = RecordedEventLog()
    for event in first.prefix(shared) + first[(shared + 37)..<700] + other.suffix(200) { log.append(event) }
    let second = log.events
    var common = BankReadModels.folding(first.prefix(shared))
    var left = common, right = common
    for event in first.dropFirst(shared) { left.apply(event) }
    for event in second.dropFirst(shared) { right.apply(event) }
    // The common ancestor, folded further after both, stays consistent too.
    for event in first.dropFirst(shared).prefix(50) { common.apply(event) }
    #expect(left == BankReadModels.folding(first))
    #expect(right == BankReadModels.folding(second))
    #expect(common == BankReadModels.folding(first.prefix(shared + 50)))
    #expect(left != right)
    let leftIds = Set(left.payments.payments.all.map(\.id))
    for payment in right.payments.payments.all where !leftIds.contains(payment.id) {
        #expect(left.payments.payment(payment.id) == nil, "a payment only the second log has is invisible in the first")
    }
    for payment in right.payments.payments.all { #expect(right.payments.payment(payment.id) == payment) }
    for payment in left.payments.payments.all { #expect(left.payments.payment(payment.id) == payment) }
    for account in history.accountIDs() {
        #expect(right.accounts.account(account) == BankReadModels.folding(second).accounts.account(account))
    }
}
