import Foundation
import Store
import Testing
@testable import Core

/// Appends a sanctions event to `store` as the Sanctions domain would, and folds it into `list`.
func record<E: BankEventType>(_ event: E, in store: MemoryEventStore, list: inout SanctionsList) async throws {
    let stream = E.self == SanctionsListSnapshotTaken.self ? BankStream.sanctionsSnapshots : .sanctionedNames
    let data = EventData(type: E.eventType, data: try JSONEncoder.bank.encode(event))
    _ = try await store.append(to: stream.name, expected: .any, events: [data])
    let recorded = try #require(store.read(.stream(stream.name), from: .end, direction: .backward, maxCount: 1).first)
    try list.apply(recorded)
}

@Test func addingAndRemovingNamesProduceEventsThatTheListFolds() async throws {
    let store = MemoryEventStore(clock: ManualClock())
    var list = SanctionsList(snapshotEvery: 10)
    let added = try list.adding(name: "  Viktor Drozdov ", aliases: ["V. Drozd", " "], by: "operator:kim")
    #expect(added.entry == SanctionedEntry(entryId: "SN-0001", name: "Viktor Drozdov", aliases: ["V. Drozd"]))
    #expect(list.isEmpty, "nothing changes until the event is applied")
    try await record(added, in: store, list: &list)
    try await record(try list.adding(name: "Orion Shipping", by: "operator:kim"), in: store, list: &list)
    #expect(list.map(\.entryId) == ["SN-0001", "SN-0002"])
    #expect(list.version == 1)

    #expect(throws: SanctionsList.Refusal.alreadyListed(entryId: "SN-0001", name: "Viktor Drozdov")) {
        try list.adding(name: "VIKTOR  drozdov", by: "operator:kim")
    }
    #expect(throws: SanctionsList.Refusal.emptyName) { try list.adding(name: " - ", by: "operator:kim") }
    #expect(throws: SanctionsList.Refusal.notListed("Nobody")) { try list.removing("Nobody", by: "operator:kim") }

    let removed = try list.removing("viktor drozdov", by: "operator:kim")
    #expect(removed == SanctionedNameRemoved(entryId: "SN-0001", name: "Viktor Drozdov", by: "operator:kim"))
    try await record(removed, in: store, list: &list)
    #expect(list.map(\.name) == ["Orion Shipping"])
    // Ids are never reused after a removal.
    #expect(try list.adding(name: "Someone New", by: "operator:kim").entry.entryId == "SN-0003")
    #expect(list.screener().screen([(role: .beneficiary, name: "Orion Shipping")]).map(\.entryId) == ["SN-0002"])
}

@Test func loadingFromTheLatestSnapshotEqualsAFullReplayAndReadsLess() async throws {
    let store = MemoryEventStore(clock: ManualClock())
    var list = SanctionsList(snapshotEvery: 20)
    var random = SplitMix64(seed: 11)
    var snapshots = 0
    for n in 0..<137 {
        if list.count > 5 && Int.random(in: 0..<3, using: &random) == 0 {
            let victim = list[Int.random(in: 0..<list.count, using: &random)]
            try await record(try list.removing(victim.entryId, by: "op"), in: store, list: &list)
        } else {
            try await record(try list.adding(name: "Person Number\(n) Example", aliases: ["Alias\(n)"], by: "op"), in: store, list: &list)
        }
        if let snapshot = list.snapshotDue {
            try await record(snapshot, in: store, list: &list)
            snapshots += 1
        }
    }
    #expect(snapshots == 6)
    var replayed = SanctionsList(snapshotEvery: 20)
    for event in try store.read(.stream(BankStream.sanctionedNames.name)) { try replayed.apply(event) }

    let loaded = try SanctionsList.load(from: store, snapshotEvery: 20)
    #expect(loaded.entries == replayed.entries)
    #expect(loaded.entries == list.entries)
    #expect(loaded.version == 136)
    #expect(loaded.snapshotVersion == 119)
    #expect(loaded.eventsReadOnLoad == 1 + 17)
    #expect(loaded.snapshotDue == nil)
}

@Test func loadingAnEmptyStoreGivesAnEmptyList() throws {
    let list = try SanctionsList.load(from: MemoryEventStore(clock: ManualClock()))
    #expect(list.isEmpty)
    #expect(list.version == nil)
    #expect(list.eventsReadOnLoad == 0)
}
