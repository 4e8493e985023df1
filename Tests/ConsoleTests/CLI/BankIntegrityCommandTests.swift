import Core
import Foundation
import Store
import Testing
@testable import Console

/// Issue 17 item 1 and issue 16 item 1 at the command line: no forged money or release through
/// `append`/`import`, one range for amounts, no wait without a deadline, no wrong balance shown.
@Suite struct BankIntegrityCommandTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    static let forgedEntry = #"{"account":{"accountNumber":"10000337","sortCode":"401234"},"amount":"1000000.00","balanceAfter":"1000000.00","description":"forged","kind":"inboundPayment"}"#

    /// Creates the ledger's group starting far ahead of the log, so the ledger never hears of a
    /// payment and every inbound payment stops at checked (deterministic, nothing faulted).
    func deafenTheLedger() async throws {
        let subscriptions = try PersistentSubscriptions(store: cli.store(), clock: cli.stores.clock, tickInterval: nil)
        var settings = ProcessorRunner.groupSettings()
        settings.startFrom = .position(1_000_000)
        try await subscriptions.create(group: "ledger-postings", source: .eventType(InboundPaymentAccountStatusChecked.eventType), settings: settings)
        await subscriptions.close()
    }

    @Test func appendingToTheBanksStreamsIsRefusedNamingTheCommandAndWritesNothing() async {
        _ = await cli.run("seed")
        let head = cli.store().headPosition
        let runs = [
            await cli.run(["append", "Ledger-401234-10000337", "LedgerEntryPosted", "--data", Self.forgedEntry]),
            await cli.run(["append", "Payments-Inbound-00000000-0000-4000-8000-000000000001", "InboundHeldPaymentReleased", "--data", "{}"]),
            await cli.run(["append", "Accounts-401234-99999999", "AccountOpened", "--data", "{}"]),
            await cli.run(["append", "SanctionedNames", "SanctionedNameRemoved", "--data", "{}"]),
            await cli.run(["append", "Scheme-Fps", "Anything"]),
            await cli.run(["append", "Ledger-garbage", "Anything"]),
            await cli.run(["append", "Orders-1", "LedgerEntryPosted", "--data", Self.forgedEntry]),
        ]
        #expect(runs.map(\.status) == [1, 1, 1, 1, 1, 1, 1])
        #expect(runs.map(\.errors) == [
            "bank-console append: Ledger-401234-10000337 belongs to the bank; use pay/send\n",
            "bank-console append: Payments-Inbound-00000000-0000-4000-8000-000000000001 belongs to the bank; use pay, send, release or reject\n",
            "bank-console append: Accounts-401234-99999999 belongs to the bank; use seed, block, unblock or close\n",
            "bank-console append: SanctionedNames belongs to the bank; use sanctions add/remove\n",
            "bank-console append: Scheme-Fps belongs to the bank; use pay or run (the simulated scheme)\n",
            "bank-console append: Ledger-garbage belongs to the bank; use pay/send\n",
            "bank-console append: LedgerEntryPosted is one of the bank's event types, written only by the bank; use the bank's commands (pay, send, release, reject, block, sanctions)\n",
        ])
        #expect(runs.allSatisfy { $0.output.isEmpty })
        #expect(cli.store().headPosition == head)
        #expect(await cli.run("balance 401234 10000337").output == "40-12-34 10000337 Bartholomew Quill: £830.55\n")
    }

    @Test func importingToTheBanksStreamsIsRefusedLineByLineAndTheRestIsImported() async {
        _ = await cli.run("seed")
        let head = cli.store().headPosition
        let input = """
            {"stream":"Ledger-401234-10000337","type":"LedgerEntryPosted","data":\(Self.forgedEntry)}
            {"stream":"Orders-1","type":"OrderPlaced","data":{}}
            {"stream":"Payments-Inbound-00000000-0000-4000-8000-000000000001","type":"InboundHeldPaymentReleased","data":{}}

            """
        let run = await cli.run("import", input: input)
        #expect(run.status == 1)
        #expect(run.lines == [
            "error 1 Ledger-401234-10000337 belongs to the bank; use pay/send",
            "ok Orders-1 0 \(head)",
            "error 3 Payments-Inbound-00000000-0000-4000-8000-000000000001 belongs to the bank; use pay, send, release or reject",
        ])
        #expect(cli.store().headPosition == head + 1)
    }

    @Test func payingAnAmountBeyondTheRangeIsRefusedAndWritesNothing() async {
        _ = await cli.run("seed")
        let head = cli.store().headPosition
        let run = await cli.run("pay --to 40-12-34 10000345 --amount 99999999999999.99")
        #expect(run.status == 1)
        #expect(run.errors == "bank-console pay: amount 99999999999999.99 is beyond £999,999,999,999.99, the most an amount or a balance can be\n")
        #expect(cli.store().headPosition == head)
    }

    @Test func aPaymentThatWouldTakeTheBalanceBeyondTheRangeFailsAndTheAccountKeepsWorking() async {
        let big = await cli.run("pay --to 40-12-34 10000345 --amount 999999999999.99 --json")
        #expect(big.status == 0)
        #expect(big.output.contains(#""state":"failed","reason":"crediting £999,999,999,999.99 to £4,200.00 would take account 40-12-34 10000345 beyond £999,999,999,999.99""#))
        #expect(big.output.contains(#""code":"BalanceLimit""#))
        let small = await cli.run("pay --to 40-12-34 10000345 --amount 10")
        #expect(small.status == 0)
        #expect(small.lines.last == "balance of 40-12-34 10000345: £4,210.00")
        #expect(await cli.run("balance 401234 10000345").output == "40-12-34 10000345 Cressida Fairweather: £4,210.00\n")
    }

    @Test func aPaymentNotAtRestByTheTimeoutSaysWhereItIsAndExitsFour() async throws {
        _ = await cli.run("seed")
        // The ledger never hears of the payment: it stops at checked.
        try await deafenTheLedger()
        let run = await cli.run("pay --to 40-12-34 10000337 --amount 5 --timeout 0")
        #expect(run.status == 4)
        #expect(run.errors.hasPrefix("bank-console pay: the bank did not come to rest within 0 s; payment "))
        // Where it is when the deadline passes depends on how far the processors got (never past checked).
        let state = run.errors.split(separator: " ").last.map { String($0.dropLast()) }
        #expect(["received", "validated", "screened", "checked"].contains(state ?? ""), "\(run.errors)")
        #expect(run.output.isEmpty)
    }

    @Test func aReleaseNotAtRestByTheTimeoutSaysWhereThePaymentIsAndExitsFour() async throws {
        _ = await cli.run("seed")
        try await deafenTheLedger()
        // Held needs no ledger; once released, the payment stops at checked.
        let held = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Boris Vantablack"])
        #expect(held.status == 0)
        let id = String(held.output.split(separator: " ")[2])
        let run = await cli.run(["release", id, "--reason", "a different person", "--timeout", "0"])
        #expect(run.status == 4)
        #expect(run.errors.hasPrefix("bank-console release: the bank did not come to rest within 0 s; payment \(id) is in state "))
        #expect(run.output.isEmpty)
    }

    @Test func payingAnAccountWhoseLedgerCannotBeTrustedStopsWithTheFaultNotAWait() async throws {
        _ = await cli.run("seed")
        let account = AccountID(sortCode: "401234", accountNumber: "10000337")!
        let forged = LedgerEntryPosted(account: account, amount: Money(pence: 1), balanceAfter: Money(pence: 1), kind: .openingBalance,
                                       paymentId: nil, description: "forged")
        let written = try await cli.store().append(to: BankStream.ledger(account).name, expected: .any, events: [
            BankCodec.eventData(forged, id: UUID(), metadata: EventMetadata(correlationId: "x", causationId: "x")),
        ])
        let run = await cli.run("pay --to 40-12-34 10000337 --amount 5")
        #expect(run.status == 3)
        #expect(run.errors == "bank-console pay: event at position \(written.firstPosition) (LedgerEntryPosted on Ledger-401234-10000337 version "
            + "\(written.firstVersion)) cannot be trusted: balanceAfter 0.01 does not follow from the balance 830.55 and the amount 0.01\n")
    }

    @Test func aTimeoutOutOfRangeIsAUsageError() async {
        let runs = [
            await cli.run("pay --to 40-12-34 10000337 --amount 5 --timeout -1"),
            await cli.run("pay --to 40-12-34 10000337 --amount 5 --timeout 1e300"),
            await cli.run("release 00000000-0000-4000-8000-000000000001 --reason ok --timeout 3601"),
        ]
        #expect(runs.map(\.status) == [2, 2, 2])
        #expect(runs[2].errors == "bank-console release: --timeout must be a whole number of seconds from 0 to 3600, not '3601' (see 'bank-console release --help')\n")
    }

    @Test func readCommandsRefuseToShowABalanceAfterAnEntryThatDoesNotFollow() async throws {
        _ = await cli.run("seed")
        let account = AccountID(sortCode: "401234", accountNumber: "10000337")!
        let forged = LedgerEntryPosted(account: account, amount: Money(pence: 100_000_000), balanceAfter: Money(pence: 100_000_000),
                                       kind: .openingBalance, paymentId: nil, description: "forged")
        let written = try await cli.store().append(to: BankStream.ledger(account).name, expected: .any, events: [
            BankCodec.eventData(forged, id: UUID(), metadata: EventMetadata(correlationId: "x", causationId: "x")),
        ])
        let message = "the bank's read models stopped: event at position \(written.firstPosition) (LedgerEntryPosted on Ledger-401234-10000337 "
            + "version \(written.firstVersion)) cannot be trusted: balanceAfter 1000000.00 does not follow from the balance 830.55 and the amount 1000000.00\n"
        for command in ["balance 401234 10000337", "account 401234 10000337", "accounts", "balance 401234 10000337 --at 1"] {
            let run = await cli.run(command)
            #expect(run.status == 3, "\(command)")
            #expect(run.output.isEmpty, "\(command)")
            #expect(run.errors == "bank-console \(command.split(separator: " ")[0]): " + message, "\(command)")
        }
    }
}
