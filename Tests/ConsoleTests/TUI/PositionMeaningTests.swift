import Core
import Foundation
import Store
import Testing
@testable import Console
@testable import ConsoleUI

/// Issue 16 item 4: a position means the state after the event at that position, the event
/// included, in the console's time machine and in `balance --at` alike; a time means the state
/// after the last event stored by then, in `g HH:MM:SS` and `--at-time` alike.
@Suite struct PositionMeaningTests {
    static let alice = AccountID(sortCode: "401234", accountNumber: "12345706")!
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// Alice opened (position 0), +£100.00 (1), +£12.34 (2), one second apart.
    static func store() async throws -> (CLIHarness, MemoryEventStore) {
        let cli = CLIHarness()
        let store = cli.store()
        cli.stores.clock.set(start)
        try await CLIBankFixture.append(AccountOpened(account: alice, holder: "Alice Example"), to: .account(alice), in: store)
        cli.stores.clock.advance(by: 1)
        try await CLIBankFixture.append(LedgerEntryPosted(account: alice, amount: Money(pence: 10_000), balanceAfter: Money(pence: 10_000),
                                                          kind: .openingBalance, paymentId: nil, description: "opening"), to: .ledger(alice), in: store)
        cli.stores.clock.advance(by: 1)
        try await CLIBankFixture.append(LedgerEntryPosted(account: alice, amount: Money(pence: 1_234), balanceAfter: Money(pence: 11_234),
                                                          kind: .inboundPayment, paymentId: nil, description: "rent"), to: .ledger(alice), in: store)
        return (cli, store)
    }

    /// The console with the store's events folded in, on the time machine.
    static func console(_ store: MemoryEventStore) throws -> State {
        let events = try store.read(.all, from: .version(0), direction: .forward, maxCount: 100)
        var state = State(size: Size(width: 120, height: 40), now: start.addingTimeInterval(60))
        state.pane = .timeMachine
        return update(state, .eventsArrived(events, head: UInt64(events.count))).0
    }

    /// Where the time machine's slider ends up after `g TEXT Enter`, and the balance it shows there.
    static func goTo(_ text: String, _ state: State, _ store: MemoryEventStore) throws -> (position: UInt64, balance: Money?) {
        var after = run(state, [.keyPressed(.char("g"))] + keys(text) + [.keyPressed(.enter)]).0
        // A time is looked up in the store, as the runner does, and the slider moves there.
        if let time = after.time.seekingTime, let answer = try TimeQuery(after).read(atTime: time, in: store) {
            after = update(after, .timeMachineLoaded(answer)).0
        }
        let account = try PastBank(store: store).account(alice, through: after.timePosition).get()
        return (after.timePosition, account?.balance)
    }

    @Test(arguments: [(0, "0.00"), (1, "100.00"), (2, "112.34")])
    func theConsoleAndBalanceAtAgreeOnAPosition(position: UInt64, balance: String) async throws {
        let (cli, store) = try await Self.store()
        let json = await cli.run("balance 401234 12345706 --at \(position) --json").output
        #expect(json.hasSuffix("\"balance\":\"\(balance)\",\"asOfPosition\":\(position)}\n"))
        let console = try Self.goTo("\(position)", try Self.console(store), store)
        #expect(console.position == position)
        #expect(console.balance?.decimalString == balance)
    }

    @Test func theTimeMachineHeaderNamesThePositionItIncludes() async throws {
        let (_, store) = try await Self.store()
        var state = try Self.console(store)
        state = run(state, [.keyPressed(.char("g"))] + keys("1") + [.keyPressed(.enter)]).0
        #expect(render(state).lines[2].contains("position 1 of 2"))
    }

    @Test func theConsoleAndBalanceAtTimeAgreeOnATime() async throws {
        let (cli, store) = try await Self.store()
        // Half a second after the second event: that event is the last one included.
        let time = "2026-05-28T20:26:41.500Z"
        #expect(Timestamp.parse(time) == Self.start.addingTimeInterval(1.5))
        let json = await cli.run("balance 401234 12345706 --at-time \(time) --json").output
        #expect(json.hasSuffix("\"balance\":\"100.00\",\"asOfPosition\":1}\n"))
        let console = try Self.goTo(time, try Self.console(store), store)
        #expect(console.position == 1)
        #expect(console.balance == Money(pence: 10_000))
        // HH:MM:SS on the same day means the same.
        #expect(try Self.goTo("20:26:41", try Self.console(store), store).position == 1)
        #expect(await cli.run("balance 401234 12345706 --at-time 2026-05-28T20:26:41Z --json").output.hasSuffix("\"asOfPosition\":1}\n"))
    }

    @Test func theHelpTextsSayAPositionIncludesItsEvent() async {
        let help = await CLIHarness().run("balance --help").output
        #expect(help.contains("after the event at position P (events 0 to P)"))
        #expect(!help.contains("first P events"))
        let prompt = run(PaneBankFixture.state(pane: .timeMachine), keys("g")).0.overlay
        guard case .prompt(let asked)? = prompt else { Issue.record("g opens no prompt"); return }
        #expect(asked.label.contains("the bank just after that event"))
    }
}
