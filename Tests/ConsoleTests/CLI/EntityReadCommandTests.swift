import Core
import Foundation
import Store
import Testing
@testable import Console

/// The read commands that now read one entity's streams print what the fold of the whole log
/// printed before, for random histories (fixed seeds); and `seed --accounts`.
@Suite struct EntityReadCommandTests {
    let cli = CLIHarness()

    /// Writes `SyntheticBankHistory(seed:)` into the command's store, each event stamped with
    /// its own time; returns the log as stored.
    func write(seed: UInt64, events count: Int = 1_200, accounts: Int = 6) async throws -> (log: [RecordedEvent], accounts: [AccountID]) {
        var history = SyntheticBankHistory(seed: seed)
        history.accounts = accounts
        let store = cli.store()
        for event in try history.generate(eventCount: count) {
            cli.stores.clock.set(event.created)
            _ = try await store.append(to: event.stream, expected: .any, events: [
                EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata),
            ])
        }
        return (try store.read(.all), history.accountIDs())
    }

    /// What `balance --json` printed from a fold of the whole log up to `prefix` (the account
    /// as it is now, at zero, when it was not opened by then).
    static func balanceJSON(_ id: AccountID, folding prefix: ArraySlice<RecordedEvent>, now: BankReadModels) -> String {
        let models = BankReadModels.folding(prefix)
        var members: [(key: String, value: JSONValue)]
        if let account = models.accounts.account(id) {
            members = BankRendering.json(account)
            members.append(("asOfPosition", models.position.map { .number(String($0)) } ?? .null))
        } else {
            // Force-unwrapped: the caller picks accounts that are open now.
            var account = now.accounts.account(id)!
            account.balance = .zero
            account.status = .open
            members = BankRendering.json(account)
            members.append(("asOfPosition", models.position.map { .number(String($0)) } ?? .null))
            members.append(("openedYet", .bool(false)))
        }
        return JSONValue.object(members).compact + "\n"
    }

    @Test(arguments: [21, 22] as [UInt64])
    func balanceAtRandomPositionsAndTimesEqualsTheWholeLogFold(seed: UInt64) async throws {
        let (log, accounts) = try await write(seed: seed)
        let whole = BankReadModels.folding(log)
        var random = SplitMix64(seed: seed)
        for _ in 0..<10 {
            let position = Int(random.next() % UInt64(log.count))
            let id = accounts[Int(random.next() % UInt64(accounts.count))]
            let run = await cli.run(["balance", id.sortCode.digits, id.accountNumber.digits, "--at", String(position), "--json"])
            #expect(run.status == 0)
            #expect(run.output == Self.balanceJSON(id, folding: log.prefix(position + 1), now: whole), "\(id) --at \(position)")
            // The same point by time: the last event stored at or before that event's time.
            // (As the command reads it: to the millisecond.)
            let time = try #require(Timestamp.parse(Timestamp.string(log[position].created)))
            let byTime = log.prefix { $0.created <= time }
            let atTime = await cli.run(["balance", id.sortCode.digits, id.accountNumber.digits, "--at-time", Timestamp.string(time), "--json"])
            #expect(atTime.output == Self.balanceJSON(id, folding: byTime, now: whole), "\(id) --at-time \(Timestamp.string(time))")
        }
    }

    @Test func accountAndPaymentPrintWhatTheWholeLogFoldGives() async throws {
        let (log, accounts) = try await write(seed: 23)
        let whole = BankReadModels.folding(log)
        for id in accounts {
            let account = try #require(whole.accounts.account(id))
            var members = BankRendering.json(account)
            if let reason = account.statusReason { members.append(("statusReason", .string(reason))) }
            members.append(("ledger", .array(whole.accounts.ledger(id).map(BankRendering.json))))
            #expect(await cli.run(["account", id.sortCode.digits, id.accountNumber.digits, "--json"]).output == JSONValue.object(members).compact + "\n")
        }
        for payment in whole.payments.payments.all.prefix(40) {
            let events = log.filter { payment.positions.contains($0.position) }
            let expected = BankRendering.json(payment, events: events, accounts: whole.accounts).compact + "\n"
            #expect(await cli.run(["payment", payment.id.uuidString.lowercased(), "--json"]).output == expected)
        }
        let held = whole.payments.heldQueue
        let heldRun = await cli.run("held")
        #expect(heldRun.lines == BankRendering.heldTable(held, accounts: whole.accounts) + ["\(held.count) held payment\(held.count == 1 ? "" : "s")"])
        let listed = await cli.run("accounts")
        #expect(listed.lines == BankRendering.accountsTable(whole.accounts.all) + ["\(accounts.count) accounts"])
    }

    @Test func accountsFiltersByStatusAndStopsAtTheLimit() async throws {
        try await CLIBankFixture.write(to: cli.store())
        #expect(await cli.run("accounts --status blocked").lines == [
            "SORT CODE  ACCOUNT   HOLDER       STATUS   BALANCE",
            "40-12-34   87654529  Bob Example  blocked    £0.00",
            "1 account",
        ])
        #expect(await cli.run("accounts --limit 1 --json").output
            == #"[{"sortCode":"401234","accountNumber":"12345706","name":"Alice Example","status":"open","balance":"112.34"}]"# + "\n")
        #expect(await cli.run("accounts --status closed --json").output == "[]\n")
        #expect(await cli.run("accounts --status closed").lines == ["SORT CODE  ACCOUNT  HOLDER  STATUS  BALANCE", "0 accounts"])
        #expect(await cli.run("accounts --status frozen").status == 2)
    }

    @Test func seedingSyntheticAccountsIsDeterministicAndAddsNothingTwice() async throws {
        let first = await cli.run("seed --accounts 1200 --seed 5")
        #expect(first.status == 0)
        let listing = await cli.run("accounts --json")
        let again = await cli.run("seed --accounts 1200 --seed 5 --json")
        #expect(again.output.hasPrefix(#"{"streamsWritten":0,"#))
        #expect(await cli.run("accounts --json").output == listing.output)
        // Another store, the same seed: the same accounts.
        let other = await cli.run("seed --accounts 1200 --seed 5 --store other")
        #expect(other.output == first.output)
        #expect(await cli.run("accounts --json --store other").output == listing.output)
        // The listing (past one block of rows) is one JSON array of every account.
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(listing.output.utf8)) as? [[String: String]])
        #expect(parsed.count == 1_200 + 24)
        #expect(Set(parsed.map { $0["sortCode"]! }) == ["401234", "401235", "401236"])
        #expect(parsed.allSatisfy { PaymentValidation.isSchemeText($0["name"]!) && $0["name"]!.count <= 50 })
        // More accounts of the same seed add only the new ones; another seed, other accounts.
        let more = await cli.run("seed --accounts 1500 --seed 5 --json")
        #expect(more.status == 0)
        let text = await cli.run("accounts").lines
        #expect(text.last == "\(1_500 + 24) accounts")
        #expect(text.filter { $0.hasPrefix("SORT CODE") }.count == 1)
        #expect(await cli.run("seed --accounts 10 --seed 6").status == 0)
        #expect(await cli.run("accounts").lines.last == "\(1_500 + 24 + 10) accounts")
    }
}
