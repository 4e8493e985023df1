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
