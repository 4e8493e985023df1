import Foundation
import Store
import Testing
@testable import Core

/// The accounts-by-status projection's state: open accounts counted, the others listed; the
/// same counts as the read model that keeps every account, whatever happens to the accounts.
@Suite struct AccountStatusTallyTests {
    static let ids = (1...9).compactMap { AccountID(sortCode: "401234", accountNumber: "2000000\($0)") }

    /// A random life for each account (opened first, as the domain guarantees), the events of
    /// all accounts interleaved.
    static func history(seed: UInt64) -> [BankEvent] {
        var random = SplitMix64(seed: seed)
        var lives: [[BankEvent]] = ids.map { [.accountOpened(AccountOpened(account: $0, holder: "H"))] }
        for index in ids.indices {
            var status = AccountStatus.open
            for _ in 0..<Int(random.next() % 6) where status != .closed {
                let account = ids[index]
                switch random.next() % 4 {
                case 0: lives[index].append(.accountBlocked(AccountBlocked(account: account, reason: "r", by: "o"))); status = .blocked
                case 1: lives[index].append(.accountUnblocked(AccountUnblocked(account: account, reason: "r", by: "o"))); status = .open
                case 2: lives[index].append(.accountClosed(AccountClosed(account: account, reason: "r", by: "o"))); status = .closed
                default: lives[index].append(.accountBlocked(AccountBlocked(account: account, reason: "again", by: "o")))
                    status = .blocked
                }
            }
        }
        var events: [BankEvent] = []
        while lives.contains(where: { !$0.isEmpty }) {
            let index = Int(random.next() % UInt64(lives.count))
            guard !lives[index].isEmpty else { continue }
            events.append(lives[index].removeFirst())
        }
        return events
    }

    @Test(arguments: 0..<40 as Range<UInt64>)
    func countsAndListsMatchTheReadModelThatKeepsEveryAccount(seed: UInt64) {
        var tally = AccountStatusTally(), model = AccountsByStatus()
        for event in Self.history(seed: seed) {
            tally.apply(event)
            model.apply(event)
        }
        for status in AccountStatus.allCases {
            #expect(tally.count(status) == model.count(status), "seed \(seed) \(status)")
        }
        #expect(tally.accounts(.open) == nil)
        #expect(tally.accounts(.blocked) == model.accounts(.blocked))
        #expect(tally.accounts(.closed) == model.accounts(.closed))
    }

    @Test func theStateEncodesOpenAsACountAndTheOthersSorted() throws {
        var tally = AccountStatusTally()
        for account in Self.ids.prefix(3).reversed() { tally.apply(.accountOpened(AccountOpened(account: account, holder: "X"))) }
        tally.apply(.accountBlocked(AccountBlocked(account: Self.ids[2], reason: "fraud", by: "jo")))
        tally.apply(.accountBlocked(AccountBlocked(account: Self.ids[0], reason: "fraud", by: "jo")))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(tally), as: UTF8.self)
        #expect(json == #"{"blocked":[{"accountNumber":"20000001","sortCode":"401234"},{"accountNumber":"20000003","sortCode":"401234"}],"closed":[],"open":1}"#)
        #expect(try JSONDecoder().decode(AccountStatusTally.self, from: Data(json.utf8)) == tally)
    }

    @Test func aCheckpointThatListedOpenAccountsStillLoads() throws {
        let earlier = #"{"blocked":[{"accountNumber":"20000002","sortCode":"401234"}],"closed":[],"open":[{"accountNumber":"20000001","sortCode":"401234"},{"accountNumber":"20000003","sortCode":"401234"}]}"#
        let tally = try JSONDecoder().decode(AccountStatusTally.self, from: Data(earlier.utf8))
        #expect(tally.count(.open) == 2)
        #expect(tally.accounts(.blocked) == [Self.ids[1]])
        #expect(tally.count(.closed) == 0)
    }

    @Test func anUnknownStatusOrANegativeCountIsRefused() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AccountStatusTally.self, from: Data(#"{"frozen":[]}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AccountStatusTally.self, from: Data(#"{"open":-1}"#.utf8)) }
    }
}
