import Core
import Foundation
import Store
import Synchronization
import Testing
@testable import ConsoleUI

/// The console run headless (what `bank-bench scale` measures in a process of its own) does what
/// the console does at start and reports its first frame at the store's head, then closes.
@Suite struct HeadlessLaunchTests {
    let environment = ["BANK_SEED_SANCTIONS": "fictional", "BANK_OPERATOR": "tester"]

    /// Runs the console headless on `directory`; its exit code and the frames it reported.
    func launch(_ directory: URL) async -> (code: Int32, frames: [FirstLiveFrame]) {
        let reported = Mutex<[FirstLiveFrame]>([])
        let code = await ConsoleRunner.runHeadless(storeDirectory: directory, environment: environment,
                                                   launch: HeadlessLaunch { frame in reported.withLock { $0.append(frame) } })
        return (code, reported.withLock { $0 })
    }

    @Test func aHeadlessConsoleOnANewDirectorySeedsTheBankAndReportsOneFrameAtTheHead() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headless-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        let (code, frames) = await launch(directory)

        #expect(code == 0)
        let frame = try #require(frames.count == 1 ? frames.first : nil)
        #expect(frame.accounts == 24, "the bundled seed's accounts")
        #expect(frame.head > 0)
        #expect((frame.position ?? 0) + 1 >= frame.head, "the views reached the head read at start")
        #expect(frame.frames >= 1)
        #expect(frame.accountOverlayRows <= AccountDirectory.defaultOverlayLimit)
    }

    @Test func aHeadlessConsoleBehindItsSavedViewsCatchesUpBeforeItReports() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("headless-behind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let first = await launch(directory)
        #expect(first.code == 0)
        // Events after the views' save: the next console starts behind them.
        let store = try FileEventStore.open(directory: directory)
        for n in 0..<3 {
            let notes = (0..<1_000).map { _ in EventData(type: "Noted", data: Data("{}".utf8)) }
            _ = try await store.append(to: "Notes-\(n)", expected: .any, events: notes)
        }
        let head = store.headPosition
        await store.close()

        let (code, frames) = await launch(directory)

        #expect(code == 0)
        let frame = try #require(frames.count == 1 ? frames.first : nil)
        #expect(frame.head >= head)
        #expect((frame.position ?? 0) + 1 >= frame.head, "reported only once the 3,000 events were folded")
        #expect(frame.accounts == 24)
    }
}
