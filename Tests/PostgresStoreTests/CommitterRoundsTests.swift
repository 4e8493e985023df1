import Foundation
import Store
import Testing
@testable import PostgresStore

/// How the writer splits a batch into rounds (no server needed).
@Suite struct CommitterRoundsTests {
    static func append(_ stream: String) -> WriteOp { .append(stream: stream, expected: .any, events: [event(1)]) }

    @Test func appendsToDifferentStreamsShareOneRound() {
        let rounds = Committer.rounds([Self.append("A-1"), Self.append("A-2"), Self.append("B-1")])
        #expect(rounds.map(\.count) == [3])
    }

    @Test func aStreamTouchedAgainStartsANewRoundAndOrderIsKept() {
        let ops = [Self.append("A-1"), Self.append("A-2"), Self.append("A-1"), Self.append("B-1")]
        let rounds = Committer.rounds(ops)
        #expect(rounds.map(\.count) == [2, 2])
        #expect(rounds.map(\.startIndex) == [0, 2])
    }

    @Test func deletingAStreamTouchesItsMetadataStreamToo() {
        #expect(Committer.touched(by: .delete(stream: "A-1", expected: .any)) == ["A-1", "$$A-1"])
        #expect(Committer.touched(by: Self.append("$$$settings")) == ["$$$settings", "$settings"])
        let rounds = Committer.rounds([Self.append("A-1"), .tombstone(stream: "A-1", expected: .any)])
        #expect(rounds.map(\.count) == [1, 1])
    }
}
