import Foundation
import Store
import Testing
@testable import PostgresStore

/// The streams' last versions a process keeps from notifications (no server needed).
@Suite struct StreamVersionsTests {
    typealias Notice = IndexHeads.Notice

    @Test func aNoticeCarriesEachChangedStreamsVersionThroughItsPayload() {
        let notice = Notice(head: 9, heads: [("et:Happened", 2)],
                            versions: [("Account-1", .version(4)), ("Account-2", .version(nil)), ("Account-3", .unknown)])
        #expect(notice.payload == "h3 9\net:Happened\t2\nv:Account-1\t4\nv:Account-2\t-1\nv:Account-3\t-2")
        #expect(Notice(notice.payload) == notice)
        // A stream name that cannot be sent on a line: the versions are incomplete.
        let odd = Notice(head: 9, heads: [], versions: [("Account\n1", .version(0))])
        #expect(Notice(odd.payload) == Notice(head: 9, heads: [], versionsIncomplete: true))
        // Too many streams to send: the heads go, the versions are incomplete.
        let many = Notice(head: 9, heads: [("et:A", 1)], versions: (0..<1000).map { ("Account-\($0)", .version(0)) })
        #expect(Notice(many.payload) == Notice(head: 9, heads: [("et:A", 1)], versionsIncomplete: true))
        // A notice of a version that sent heads only.
        #expect(Notice("h2 5\net:A\t1") == Notice(head: 5, heads: [("et:A", 1)], versionsIncomplete: true))
    }

    @Test func aVersionIsAnsweredOnlyWhileListeningAndWhenTheNoticesCoverWhatTheCallerSaw() {
        let versions = StreamVersions()
        versions.apply(Notice(head: 3, heads: [], versions: [("Account-1", .version(0))]))
        #expect(versions.lookup("Account-1", covering: 0) == nil)
        versions.seed(covered: 2)
        versions.apply(Notice(head: 3, heads: [], versions: [("Account-1", .version(0))]))
        #expect(versions.lookup("Account-1", covering: 3) == .version(0))
        // A commit the caller has seen whose notification has not come.
        #expect(versions.lookup("Account-1", covering: 4) == nil)
        // A stream no notice named is asked of the server.
        #expect(versions.lookup("Account-2", covering: 3) == nil)
        versions.forget()
        #expect(versions.lookup("Account-1", covering: 0) == nil)
    }

    @Test func aStreamWithMetadataIsAlwaysAskedOfTheServer() throws {
        let versions = StreamVersions()
        versions.seed(covered: 0)
        versions.apply(Notice(head: 2, heads: [], versions: [("Account-1", .unknown)]))
        versions.apply(Notice(head: 3, heads: [], versions: [("Account-1", .version(2))]))
        #expect(versions.lookup("Account-1", covering: 3) == nil)
        let ticket = try #require(versions.ticket())
        versions.record("Account-2", row: StreamRow(lastVersion: 1, metadata: StreamMetadata(maxCount: 5)), ticket: ticket)
        #expect(versions.lookup("Account-2", covering: 3) == nil)
    }

    @Test func anAnswerReadFromTheServerIsKeptOnlyIfNothingNamedTheStreamMeanwhile() throws {
        let versions = StreamVersions()
        versions.seed(covered: 0)
        let ticket = try #require(versions.ticket())
        versions.apply(Notice(head: 5, heads: [], versions: [("Account-1", .version(3))]))
        versions.record("Account-1", row: StreamRow(lastVersion: 2), ticket: ticket)
        versions.record("Account-2", row: nil, ticket: ticket)
        #expect(versions.lookup("Account-1", covering: 5) == .version(3))
        #expect(versions.lookup("Account-2", covering: 5) == .version(nil))
        // Listening again (notifications may have been missed): an earlier read is not kept.
        let stale = try #require(versions.ticket())
        versions.seed(covered: 5)
        versions.record("Account-3", row: StreamRow(lastVersion: 0), ticket: stale)
        #expect(versions.lookup("Account-3", covering: 5) == nil)
    }

    @Test func anOwnCommitAppliedFirstIsNotTakenBackByItsLateNotification() {
        let versions = StreamVersions()
        versions.seed(covered: 10)
        let first = Notice(head: 12, heads: [], versions: [("Account-1", .version(0))])
        let second = Notice(head: 14, heads: [], versions: [("Account-1", .version(1))])
        // Another process's commit (10..<12) has not been notified: the own one waits for it.
        versions.applyOwn(after: 12, [second])
        #expect(versions.lookup("Account-1", covering: 14) == nil)
        versions.apply(first)
        versions.applyOwn(after: 12, [second])
        versions.apply(second)
        #expect(versions.lookup("Account-1", covering: 14) == .version(1))
    }

    @Test func incompleteVersionsDropEverythingKnown() {
        let versions = StreamVersions()
        versions.seed(covered: 0)
        versions.apply(Notice(head: 2, heads: [], versions: [("Account-1", .version(0))]))
        versions.apply(Notice(head: 3, heads: [], versionsIncomplete: true))
        #expect(versions.lookup("Account-1", covering: 3) == nil)
    }
}
