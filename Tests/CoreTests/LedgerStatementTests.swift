import Foundation
import Store
import Testing
@testable import Core

/// Statements from an account's ledger stream: the period found by time, running balances
/// checked against what the ledger recorded.
@Suite struct LedgerStatementTests {
    private let ada = AccountID(sortCode: "401234", accountNumber: "10000329")!

    /// A bank where Ada is paid £1, £2, ... £`days` one day apart, starting a day after opening.
    private func paidDaily(_ days: Int) async throws -> (Bank, MemoryEventStore, ManualClock, start: Date) {
        let (bank, store, clock) = try await openTestBank()
        let start = clock.now()
        for day in 1...days {
            clock.advance(by: 86_400)
            _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "\(day).00"))
        }
        return (bank, store, clock, start)
    }

    @Test func aPeriodStartsAtTheFirstEntryStoredInItWithTheBalanceBeforeIt() async throws {
        let (bank, store, _, start) = try await paidDaily(10)
        let opening = try #require(try bank.account(sortCode: "401234", accountNumber: "10000329").balance.subtracting(Money(pence: 5_500)))
        // Days 3 to 5 inclusive: £3, £4, £5 after an opening of the seeded balance plus £1 and £2.
        let statement = try LedgerStatement.read(ada, from: start.addingTimeInterval(3 * 86_400 - 1),
                                                 to: start.addingTimeInterval(5 * 86_400 + 1), in: store)
        #expect(statement.lines.map(\.amount) == [Money(pence: 300), Money(pence: 400), Money(pence: 500)])
        #expect(statement.opening == opening.adding(Money(pence: 300)))
        #expect(statement.closing == opening.adding(Money(pence: 1_500)))
        #expect(zip(statement.lines.dropFirst(), statement.lines).allSatisfy { $0.balance == $1.balance.adding($0.amount) })
        let whole = try LedgerStatement.read(ada, from: nil, to: nil, in: store)
        #expect(whole.opening == .zero)
        #expect(whole.lines.count == 11) // the opening credit and ten payments
        #expect(whole.closing == (try bank.account(sortCode: "401234", accountNumber: "10000329").balance))
        let after = try LedgerStatement.read(ada, from: start.addingTimeInterval(365 * 86_400), to: nil, in: store)
        #expect(after.lines.isEmpty)
        #expect(after.opening == whole.closing)
        await bank.close()
    }

    @Test(arguments: [1, 2, 7, 64, 65])
    func theBinarySearchFindsTheFirstEntryAtOrAfterATime(count: Int) async throws {
        let (bank, store, _, start) = try await paidDaily(count)
        let stream = BankStream.ledger(ada).name
        let last = try #require(store.lastVersion(of: stream))
        for day in 0...(count + 1) {
            let time = start.addingTimeInterval(Double(day) * 86_400)
            let found = try LedgerStatement.firstVersion(at: time, of: stream, last: last, in: store)
            let expected = try store.read(stream).first { $0.created >= time }?.version ?? last + 1
            #expect(found == expected, "day \(day)")
        }
        await bank.close()
    }

    @Test func anEntryWhoseBalanceDoesNotFollowIsAFault() async throws {
        let bank = try await BankFixture() // Ada opens with £100.00 (ledger version 0)
        try await bank.append(.ledger(BankFixture.ada), LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 100), balanceAfter: Money(pence: 10_100),
                                                                          kind: .inboundPayment, paymentId: nil, description: "one"))
        try await bank.append(.ledger(BankFixture.ada), LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 100), balanceAfter: Money(pence: 999_999),
                                                                          kind: .inboundPayment, paymentId: nil, description: "forged"))
        do {
            _ = try LedgerStatement.read(BankFixture.ada, from: nil, to: nil, in: bank.store)
            Issue.record("a forged balance must not make a statement")
        } catch {
            guard case .fault(let fault) = error else { Issue.record("expected a fault, got \(error)"); return }
            #expect(fault.version == 2)
            #expect(fault.reason == .balanceDoesNotFollow(previous: Money(pence: 10_100), amount: Money(pence: 100), recorded: Money(pence: 999_999)))
        }
    }

    @Test func aForgedBalanceDeepInALongLedgerIsFoundWhenDecodingOnEveryCore() async throws {
        let bank = try await BankFixture() // Ada opens with £100.00 (ledger version 0)
        var balance = Money(pence: 10_000)
        for n in 1...1_200 {
            balance = try #require(balance.adding(Money(pence: 100)))
            let recorded = n == 700 ? try #require(balance.adding(Money(pence: 1))) : balance
            try await bank.append(.ledger(BankFixture.ada), LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 100), balanceAfter: recorded,
                                                                              kind: .inboundPayment, paymentId: nil, description: "entry \(n)"))
        }
        do {
            _ = try LedgerStatement.read(BankFixture.ada, from: nil, to: nil, in: bank.store)
            Issue.record("a forged balance must not make a statement")
        } catch {
            guard case .fault(let fault) = error else { Issue.record("expected a fault, got \(error)"); return }
            #expect(fault.version == 700)
        }
        let decoded = LedgerStatement.decodeConcurrently(try bank.store.read(BankStream.ledger(BankFixture.ada).name))
        #expect(decoded.count == 1_201)
        #expect(decoded.allSatisfy { (try? $0.get()) != nil })
    }
}
