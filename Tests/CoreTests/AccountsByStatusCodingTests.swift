import Foundation
import Testing
@testable import Core

/// The accounts-by-status state's JSON: fixed order, and the earlier form still loads.
@Suite struct AccountsByStatusCodingTests {
    static let ada = AccountID(sortCode: "401234", accountNumber: "11111299")!
    static let bob = AccountID(sortCode: "401234", accountNumber: "22222507")!
    static let cora = AccountID(sortCode: "401234", accountNumber: "33333418")!

    static func grouping() -> AccountsByStatus {
        var state = AccountsByStatus()
        for account in [cora, bob, ada] { state.apply(.accountOpened(AccountOpened(account: account, holder: "X"))) }
        state.apply(.accountBlocked(AccountBlocked(account: bob, reason: "fraud", by: "jo")))
        return state
    }

    static func encoded(_ state: AccountsByStatus) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(state)
    }

    @Test func theStateEncodesEveryStatusWithItsAccountsSortedSoTheBytesAreStable() throws {
        let json = String(decoding: try Self.encoded(Self.grouping()), as: UTF8.self)
        #expect(json == #"{"blocked":[{"accountNumber":"22222507","sortCode":"401234"}],"closed":[],"open":[{"accountNumber":"11111299","sortCode":"401234"},{"accountNumber":"33333418","sortCode":"401234"}]}"#)
        let decoded = try JSONDecoder().decode(AccountsByStatus.self, from: Data(json.utf8))
        #expect(decoded == Self.grouping())
        #expect(decoded.accounts(.open) == [Self.ada, Self.cora])
        #expect(decoded.accounts(.blocked) == [Self.bob])
        #expect(decoded.count(.closed) == 0)
        // The same grouping built in another order encodes to the same bytes.
        var other = AccountsByStatus()
        for account in [Self.ada, Self.bob, Self.cora] { other.apply(.accountOpened(AccountOpened(account: account, holder: "Y"))) }
        other.apply(.accountBlocked(AccountBlocked(account: Self.bob, reason: "again", by: "jo")))
        #expect(try Self.encoded(other) == Self.encoded(Self.grouping()))
    }

    @Test func aStateWrittenInTheEarlierFormStillLoads() throws {
        struct Earlier: Encodable {
            var statusOf: [AccountID: AccountStatus]
            var accounts: [AccountStatus: Set<AccountID>]
        }
        let earlier = Earlier(statusOf: [Self.ada: .open, Self.bob: .blocked], accounts: [.open: [Self.ada], .blocked: [Self.bob]])
        let decoded = try JSONDecoder().decode(AccountsByStatus.self, from: JSONEncoder().encode(earlier))
        #expect(decoded.accounts(.open) == [Self.ada])
        #expect(decoded.status(of: Self.bob) == .blocked)
    }

    @Test func anUnknownStatusIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AccountsByStatus.self, from: Data(#"{"frozen":[]}"#.utf8))
        }
    }
}
