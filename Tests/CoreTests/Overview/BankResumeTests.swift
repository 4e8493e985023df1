import Foundation
import Store
import Testing
@testable import Core

/// A `Bank` resumes its read models from their save and folds only the log's tail; a save
/// it cannot trust is rebuilt from the log, and it says why.
struct BankResumeTests {
    static func append(_ events: some Sequence<RecordedEvent>, to store: MemoryEventStore, clock: ManualClock) async throws {
        for event in events {
            clock.set(event.created)
            _ = try await store.append(to: event.stream, expected: .any, events: [
                EventData(id: event.id, type: event.type, data: event.data, metadata: event.metadata),
            ])
        }
    }

    static func open(_ store: MemoryEventStore, clock: ManualClock, saved directory: URL) async throws -> Bank {
        let configuration = BankConfiguration(seedWhenEmpty: false, subscriptionTick: nil, restTimeout: .seconds(600),
                                              readModelState: FileReadModelStateStore(directory: directory), readModelSaveInterval: 300)
        let bank = try await Bank(store: store, clock: clock, configuration: configuration)
        try await bank.readModelsCatchUp()
        return bank
    }

    @Test func aReopenedBankResumesFromItsSaveAndFoldsOnlyTheTail() async throws {
        var history = SyntheticBankHistory(seed: 41)
        history.accounts = 40
        let events = try history.generate(eventCount: 1_600)
        let directory = SavedOverviewTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        try await Self.append(events.prefix(1_000), to: store, clock: clock)

        let first = try await Self.open(store, clock: clock, saved: directory)
        #expect(first.readModelsOrigin == .rebuilt(reason: nil))
        #expect(first.readModels == BankOverview.folding(events.prefix(1_000)))
        await first.close()

        try await Self.append(events.dropFirst(1_000), to: store, clock: clock)
        let second = try await Self.open(store, clock: clock, saved: directory)
        #expect(second.readModelsOrigin == .resumed(position: 999))
        #expect(second.readModels == BankOverview.folding(try store.read(.all)))
        #expect(second.readModelsProgress.next == store.headPosition)
        await second.close()

        // Damaged: rebuilt from the log, saying why, and the same again.
        let manifest = directory.appendingPathComponent(FileReadModelStateStore.manifestName)
        var bytes = try Data(contentsOf: manifest)
        bytes[bytes.count - 2] ^= 0x01
        try bytes.write(to: manifest)
        let third = try await Self.open(store, clock: clock, saved: directory)
        #expect(third.readModelsOrigin == .rebuilt(reason: "overview.state is corrupt: checksum mismatch"))
        #expect(third.readModels == BankOverview.folding(try store.read(.all)))
        await third.close()
        #expect(try FileReadModelStateStore(directory: directory).load()?.overview == third.readModels, "the rebuilt state was saved at close")
    }

    @Test func aSaveOfAnotherLogIsNotTrusted() async throws {
        let directory = SavedOverviewTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock()
        let mine = MemoryEventStore(clock: clock), other = MemoryEventStore(clock: clock)
        var history = SyntheticBankHistory(seed: 42)
        history.accounts = 10
        try await Self.append(try history.generate(eventCount: 400), to: other, clock: clock)
        await (try await Self.open(other, clock: clock, saved: directory)).close()
        history.seed = 43
        let events = try history.generate(eventCount: 600)
        try await Self.append(events, to: mine, clock: clock)
        let bank = try await Self.open(mine, clock: clock, saved: directory)
        guard case .rebuilt(let reason?) = bank.readModelsOrigin else {
            Issue.record("resumed from another log's save: \(bank.readModelsOrigin)")
            return
        }
        #expect(reason.hasPrefix("it does not match the log: another event is at position"))
        #expect(bank.readModels == BankOverview.folding(events))
        await bank.close()
    }
}
