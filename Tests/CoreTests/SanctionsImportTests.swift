import Foundation
import Store
import Testing
@testable import Core

private func entry(_ number: Int, _ name: String, aliases: [String] = [], programs: [String] = ["CUBA"]) -> SanctionedEntry {
    SanctionedEntry(entryId: "OFAC-\(number)", name: name, aliases: aliases, listNumber: number, kind: "entity", programs: programs)
}

@Test func reimportingANewerListRecordsWhatWasAddedChangedAndRemovedNotAWipe() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    let operatorEntries = try bank.sanctionedNames()
    let first = try await bank.importSanctions([entry(36, "AEROCARIBBEAN AIRLINES"), entry(306, "BANCO NACIONAL DE CUBA"),
                                                entry(424, "BOUTIQUE LA MAISON")], by: "sam")
    #expect(first.added.map(\.entryId) == ["OFAC-36", "OFAC-306", "OFAC-424"])
    let before = try #require(store.lastVersion(of: BankStream.sanctionedNames.name))
    let second = try await bank.importSanctions([entry(36, "AEROCARIBBEAN AIRLINES"),
                                                 entry(306, "BANCO NACIONAL DE CUBA", aliases: ["NATIONAL BANK OF CUBA"]),
                                                 entry(475, "CASA DE CUBA")], by: "sam")
    #expect(second.added.map(\.entryId) == ["OFAC-475"])
    #expect(second.changed.map(\.entryId) == ["OFAC-306"])
    #expect(second.removed.map(\.entryId) == ["OFAC-424"])
    #expect(second.unchanged == 1)
    let events = try store.read(.stream(BankStream.sanctionedNames.name), from: .version(0), direction: .forward, maxCount: 1_000)
        .filter { $0.version > before }.map { try BankEvent.decode($0) }
    #expect(events == [
        .sanctionedNameAdded(SanctionedNameAdded(entry: entry(475, "CASA DE CUBA"), by: "sam")),
        .sanctionedNameAdded(SanctionedNameAdded(entry: entry(306, "BANCO NACIONAL DE CUBA", aliases: ["NATIONAL BANK OF CUBA"]), by: "sam", changed: true)),
        .sanctionedNameRemoved(SanctionedNameRemoved(entryId: "OFAC-424", name: "BOUTIQUE LA MAISON", by: "sam")),
    ])
    // The operator's own entries stay; the list reads the same from its snapshot as from history.
    let names = try bank.sanctionedNames()
    #expect(Array(names.prefix(operatorEntries.count)) == operatorEntries)
    #expect(names.suffix(3).map(\.entryId) == ["OFAC-36", "OFAC-306", "OFAC-475"])
    #expect(try SanctionsList.load(from: store).snapshotVersion == store.lastVersion(of: BankStream.sanctionedNames.name))
    // The same file again changes nothing and writes nothing.
    let again = store.headPosition
    let third = try await bank.importSanctions(names.filter { $0.entryId.hasPrefix("OFAC-") }, by: "sam")
    #expect(third.isEmpty && third.unchanged == 3)
    #expect(store.headPosition == again)
    await bank.close()
}

/// An import replaces the whole list: only an operator who may change it (a supervisor) may
/// import, and a refusal writes nothing. An allowed import is in the audit trail with the
/// role it was done in.
@Test func onlyASupervisorMayImportAListAndTheAuditSaysInWhatRole() async throws {
    let (bank, store, _) = try await openTestBank(processing: false)
    let before = store.headPosition
    let list = [entry(36, "AEROCARIBBEAN AIRLINES")]
    await #expect(throws: BankError.roleRequired(name: "jo", role: .operator, action: .changeSanctions)) {
        try await bank.importSanctions(list, by: "jo")
    }
    await #expect(throws: BankError.notAnOperator(name: "mallory", action: .changeSanctions)) {
        try await bank.importSanctions(list, by: "mallory")
    }
    #expect(store.headPosition == before, "a refused import writes nothing")
    try await bank.importSanctions(list, by: "sam")
    let added = try #require(try store.read(.stream(BankStream.sanctionedNames.name), from: .end, direction: .backward, maxCount: 1).first)
    #expect(BankCodec.metadata(of: added)?.origin?.role == .supervisor)
    await bank.close()
}

@Test func aLargeListsSnapshotIsWrittenInPartsAndLoadsWhole() async throws {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    let bank = try await Bank(store: store, clock: clock, configuration: BankConfiguration(seed: 1, subscriptionTick: nil))
    let entries = (1...3_000).map { entry($0, "ENTRY NUMBER \($0) TRADING COMPANY LIMITED", aliases: ["ALIAS \($0) ONE", "ALIAS \($0) TWO"]) }
    try await bank.writeSanctionsImport(entries, by: "jo", origin: nil)
    let snapshots = try store.read(.stream(BankStream.sanctionsSnapshots.name), from: .version(0), direction: .forward, maxCount: 100)
    #expect(snapshots.count > 1)
    #expect(snapshots.allSatisfy { $0.data.count < MemoryEventStore.maxEventSize })
    let loaded = try SanctionsList.load(from: store)
    #expect(loaded.eventsReadOnLoad == snapshots.count)
    #expect(loaded.entries.suffix(3_000) == entries[...])
    await bank.close()
}

@Test func aSnapshotSplitsIntoNumberedPartsWithinItsBudgetAndJoinsInOrder() throws {
    let entries = (1...50).map { entry($0, "NAME \($0)") }
    let parts = SanctionsListSnapshotTaken.parts(version: 49, entries: entries, budget: 2_000)
    #expect(parts.count > 2)
    #expect(parts.flatMap(\.entries) == entries)
    #expect(parts.map(\.part) == Array(1...parts.count).map { Optional($0) })
    #expect(SanctionsListSnapshotTaken.parts(version: 49, entries: entries).count == 1)
}
