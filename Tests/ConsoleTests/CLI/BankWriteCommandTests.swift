import Core
import Foundation
import Store
import Testing
@testable import Console

@Suite struct BankWriteCommandTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    /// The payment id in an outcome line (`inbound payment ID of ...`).
    func paymentId(_ run: CLIHarness.Run) -> String {
        String(run.output.split(separator: " ")[2])
    }

    @Test func payingASeededAccountSettlesItAndPrintsTheNewBalance() async {
        let run = await cli.run("pay --to 40-12-34 10000329 --amount 12.34 --reference rent")
        #expect(run.status == 0)
        #expect(run.lines.count == 2)
        #expect(run.lines[0].hasPrefix("inbound payment ") && run.lines[0].hasSuffix(" of £12.34: settled"))
        #expect(run.lines[1] == "balance of 40-12-34 10000329: £12,512.34")
        #expect(await cli.run("balance 401234 10000329").output == "40-12-34 10000329 Ada Whitlock: £12,512.34\n")
    }

    @Test func payingAWellFormedUnknownAccountIsReturnedNotRefused() async {
        let run = await cli.run("pay --to 401234 99990119 --amount 5 --json")
        #expect(run.status == 0)
        #expect(run.output.contains(#""state":"returned","reason":"no account 40-12-34 99990119 at this bank""#))
    }

    @Test func malformedPaymentsAreRefusedAndWriteNothing() async {
        _ = await cli.run("seed")
        let head = cli.store().headPosition
        let runs = [
            await cli.run("pay --to 4012 10000329 --amount 5"),
            await cli.run("pay --to 401234 1000 --amount 5"),
            await cli.run("pay --to 401234 10000329 --amount -5"),
            await cli.run("pay --to 401234 10000329 --amount 1.234"),
            await cli.run("pay --to 401234 10000329 --amount 5 --scheme swift"),
            await cli.run("send --from 401234 99990119 --to 200000 12345803 --amount 5"),
        ]
        #expect(runs.map(\.status) == [1, 1, 1, 1, 1, 1])
        #expect(runs.map(\.errors) == [
            "bank-console pay: malformed sort code \"4012\": expected 6 digits, e.g. 40-12-34\n",
            "bank-console pay: malformed account number \"1000\": expected 8 digits\n",
            "bank-console pay: malformed amount \"-5\": expected a positive amount with at most 2 decimals, e.g. 12.34\n",
            "bank-console pay: malformed amount \"1.234\": expected a positive amount with at most 2 decimals, e.g. 12.34\n",
            "bank-console pay: unknown scheme \"swift\": expected bacs, fps or chaps\n",
            "bank-console send: no account 40-12-34 99990119 at this bank\n",
        ])
        #expect(cli.store().headPosition == head)
        #expect(await cli.run("pay --amount 5").errors == "bank-console pay: missing --to SORTCODE ACCOUNT (see 'bank-console pay --help')\n")
    }

    @Test func aSanctionedOriginatorIsHeldThenReleasedWithAReason() async {
        let held = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Boris Vantablack"])
        #expect(held.output.hasSuffix(": held for sanctions review: Boris Vantablack ~ Boris Vantablack (SN-0001) score 100\n"))
        let id = paymentId(held)
        #expect(await cli.run("held").lines.last == "1 held payment")
        let head = cli.store().headPosition
        let unexplained = await cli.run("release \(id)")
        #expect(unexplained.errors == "bank-console release: release needs a reason: --reason TEXT (see 'bank-console release --help')\n")
        #expect(unexplained.status == 2)
        let blank = await cli.run(["release", id, "--reason", " "])
        #expect(blank.errors == "bank-console release: release needs a reason: --reason TEXT (see 'bank-console release --help')\n")
        #expect(blank.status == 2)
        let empty = await cli.run(["reject", id, "--reason", ""])
        #expect(empty == .init(status: 2, output: "", errors: "bank-console reject: reject needs a reason: --reason TEXT (see 'bank-console reject --help')\n"))
        let heldJSON = await cli.run("held --json")
        #expect(heldJSON.output.hasPrefix(#"[{"id":"\#(id)","direction":"inbound","state":"held","#))
        #expect(heldJSON.output.contains(#""events":[{"stream":"Payments-Inbound-\#(id)","version":0,"#))
        #expect(cli.store().headPosition == head)
        let stranger = await cli.run(["release", id, "--reason", "a different person", "--by", "alice"])
        #expect(stranger.status == 1)
        #expect(stranger.errors.hasPrefix("bank-console release: alice is not an operator of this bank, so cannot release a held payment (needs operator)"))
        #expect(cli.store().headPosition == head)
        #expect(await cli.run("operators add alice --role operator --reason new-starter").status == 0)
        let released = await cli.run(["release", id, "--reason", "a different person", "--by", "alice"])
        #expect(released.lines.first == "inbound payment \(id) of £5.00: settled")
        let again = await cli.run(["release", id, "--reason", "again"])
        #expect(again == .init(status: 1, output: "", errors: "bank-console release: payment \(id) is not held (it is settled)\n"))
        #expect(await cli.run("payment \(id) --json").output.contains(#""decision":{"by":"alice","#))
    }

    @Test func rejectingAHeldPaymentFailsIt() async {
        let held = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Boris Vantablack"])
        let rejected = await cli.run(["reject", paymentId(held), "--reason", "confirmed match"])
        #expect(rejected.status == 0)
        #expect(rejected.output.hasPrefix("inbound payment \(paymentId(held)) of £5.00: failed"))
        #expect(await cli.run("reject 33333418-3333-4333-8333-333333333333 --reason x").errors
            == "bank-console reject: no payment 33333418-3333-4333-8333-333333333333\n")
    }

    @Test func aBlockedAccountFailsPaymentsUntilUnblocked() async {
        #expect(await cli.run(["block", "401234", "10000337", "--reason", "suspected fraud"]).output
            == "40-12-34 10000337 Bartholomew Quill: blocked (suspected fraud)\n")
        #expect(await cli.run("block 401234 10000337").errors == "bank-console block: account 40-12-34 10000337 is already blocked\n")
        let failed = await cli.run("pay --to 401234 10000337 --amount 3")
        #expect(failed.output.hasSuffix(": failed: account 40-12-34 10000337 is blocked\n"))
        #expect(await cli.run("unblock 401234 10000337 --json").output
            == #"{"sortCode":"401234","accountNumber":"10000337","name":"Bartholomew Quill","status":"open","balance":"830.55"}"# + "\n")
        #expect(await cli.run("close 401234 99990119").errors == "bank-console close: no account 40-12-34 99990119 at this bank\n")
    }

    @Test func sendingMoreThanTheBalanceFailsForInsufficientFunds() async {
        let run = await cli.run("send --from 401234 10000469 --to 200000 12345803 --amount 100000")
        #expect(run.status == 0)
        #expect(run.output.hasSuffix(" of £100,000.00: failed: balance £150.00 is less than £100,000.00\n"))
    }

    @Test func sanctionedNamesCanBeAddedAndRemoved() async {
        #expect(await cli.run(["sanctions", "add", "Jane", "Q", "Villain", "--aliases", "J. Villain; Janey V"]).output
            == "added SN-0013 Jane Q Villain (J. Villain; Janey V)\n")
        let held = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Janey V"])
        #expect(held.output.contains(": held for sanctions review: Janey V ~ Janey V"))
        #expect(await cli.run(["sanctions", "remove", "SN-0013"]).output == "removed SN-0013\n")
        #expect(await cli.run(["sanctions", "remove", "SN-0013"]).status == 1)
        #expect(await cli.run(["sanctions", "frob", "x"]).status == 2)
    }

    @Test func refusedOperatorActionsWriteNothingAtAll() async {
        let held = await cli.run(["pay", "--to", "401234", "10000329", "--amount", "5", "--from-name", "Boris Vantablack"])
        let settled = await cli.run("pay --to 401234 10000329 --amount 5")
        let head = cli.store().headPosition
        let runs = [
            await cli.run(["release", paymentId(settled), "--reason", "x"]),
            await cli.run(["reject", "33333418-3333-4333-8333-333333333333", "--reason", "x"]),
            await cli.run(["release", paymentId(held)]),
            await cli.run("block 401234 99990119"),
            await cli.run("unblock 401234 10000329"),
            await cli.run("sanctions remove Nobody Atall"),
            await cli.run("sanctions add Boris Vantablack"),
        ]
        // A missing --reason is a usage error (2); the rest are refusals (1).
        #expect(runs.map(\.status) == [1, 1, 2, 1, 1, 1, 1])
        #expect(runs[0].errors == "bank-console release: payment \(paymentId(settled)) is not held (it is settled)\n")
        #expect(runs[4].errors == "bank-console unblock: account 40-12-34 10000329 is already open\n")
        #expect(cli.store().headPosition == head)
    }

    @Test func seedingANewStoreReportsWhatItWrote() async {
        let run = await cli.run("seed")
        #expect(run.output.hasPrefix("seeded "))
        #expect(!run.output.hasPrefix("seeded 0 "))
    }

    @Test func seedingTwiceChangesNothing() async {
        let first = await cli.run("seed")
        let head = cli.store().headPosition
        let second = await cli.run("seed --json")
        #expect(first.status == 0 && second.status == 0)
        #expect(second.output.hasPrefix(#"{"streamsWritten":0,"#))
        #expect(cli.store().headPosition == head)
    }
}
