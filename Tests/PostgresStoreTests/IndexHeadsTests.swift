import Foundation
import Testing
@testable import PostgresStore

/// The index heads a process keeps from notifications (no server needed).
@Suite struct IndexHeadsTests {
    @Test func aNoticeRoundTripsThroughItsPayload() {
        let notice = IndexHeads.Notice(head: 42, heads: [("et:Happened", 7), ("ce:Account-x", 3), ("streams", 2)])
        #expect(IndexHeads.Notice(notice.payload) == notice)
        #expect(IndexHeads.Notice("41") == nil)
        #expect(IndexHeads.Notice("h2 5\nno-tab") == nil)
    }

    /// Read over bytes, a notice says what its characters say: names in any script (combining
    /// marks, emoji, a carriage return) come back whole, and anything malformed is refused.
    @Test func aNoticeIsReadWholeOrNotAtAll() {
        let notice = IndexHeads.Notice(head: 9_000_000_000, heads: [("et:Happened", 7), ("ce:Café-é", 0)],
                                       versions: [("Payments-Inbound-1", .version(4)), ("Ledger-e\u{301}", .version(nil)),
                                                  ("Émoji-🏦", .unknown), ("odd\r", .version(Int64.max))])
        #expect(IndexHeads.Notice(notice.payload) == notice)
        let heads = IndexHeads.Notice("h2 3\net:A\t1\nv:S\t2")
        #expect(heads == IndexHeads.Notice(head: 3, heads: [("et:A", 1)], versions: [("S", .version(2))], versionsIncomplete: true))
        #expect(IndexHeads.Notice("h3 3\nv*\t0")?.versionsIncomplete == true)
        #expect(IndexHeads.Notice("h3 3\na\tb\t-1")?.heads.first?.name == "a\tb")
        for refused in ["*", "h3 ", "h3 -1", "h4 3", "h3 3\n", "h3 3\net:A\t", "h3 3\net:A\t1x", "h3 3\net:A\t99999999999999999999", "h3 3\n\t-"] {
            #expect(IndexHeads.Notice(refused) == nil, "\(refused.debugDescription) was read")
        }
    }

    @Test func aPayloadTooLongToSendAsksForANewSeed() {
        let notice = IndexHeads.Notice(head: 1, heads: (0..<1000).map { ("et:Type\($0)", Int64($0)) })
        #expect(notice.payload == "*")
        let heads = IndexHeads()
        heads.seed([:], covered: 0)
        #expect(!heads.apply(notice.payload))
    }

    @Test func headsAreKnownOnlyWhileListeningAndForCoveredPositions() {
        let heads = IndexHeads()
        #expect(heads.head(of: "et:A", covering: 0) == nil)
        heads.seed(["et:A": 3], covered: 10)
        #expect(heads.head(of: "et:A", covering: 10) == 3)
        #expect(heads.head(of: "et:B", covering: 10) == 0)
        // A commit the caller has seen but no notification has brought yet.
        #expect(heads.head(of: "et:A", covering: 11) == nil)
        #expect(heads.apply(IndexHeads.Notice(head: 12, heads: [("et:A", 5)]).payload))
        #expect(heads.head(of: "et:A", covering: 12) == 5)
        // A late, older notice never moves a head back.
        #expect(heads.apply(IndexHeads.Notice(head: 11, heads: [("et:A", 4)]).payload))
        #expect(heads.head(of: "et:A", covering: 12) == 5)
        heads.forget()
        #expect(heads.head(of: "et:A", covering: 0) == nil)
        #expect(heads.apply(IndexHeads.Notice(head: 13, heads: [("et:A", 6)]).payload))
        #expect(heads.head(of: "et:A", covering: 0) == nil)
    }

    @Test func anOwnCommitIsTakenOnlyAfterEveryEarlierOne() {
        let heads = IndexHeads()
        heads.seed(["et:A": 3], covered: 10)
        // Another process committed 10..<14; its notification has not come.
        heads.applyOwn(after: 14, [IndexHeads.Notice(head: 16, heads: [("et:A", 5)])])
        #expect(heads.head(of: "et:A", covering: 10) == 3)
        heads.applyOwn(after: 10, [IndexHeads.Notice(head: 12, heads: [("et:A", 4)]), IndexHeads.Notice(head: 13, heads: [("et:B", 1)])])
        #expect(heads.head(of: "et:A", covering: 13) == 4)
        #expect(heads.head(of: "et:B", covering: 13) == 1)
    }
}
