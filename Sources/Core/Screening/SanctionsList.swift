import Foundation
import Store

/// The sanctioned-names list: a mutable collection backed by the immutable `SanctionedNames`
/// stream, with snapshots in `SanctionedNamesSnapshots`.
///
/// Changing the list never mutates it directly: `adding`/`removing` return the event that
/// records the change; once the owning domain has appended it, `apply` folds it in (the same
/// fold that loading uses, so what you see is what the stream says). Every `snapshotEvery`
/// changes `snapshotDue` offers a `SanctionsListSnapshotTaken` to append, and `load` reads
/// the latest snapshot plus only the events after it.
///
/// A value type; as a `RandomAccessCollection` it is the current entries in the order added.
public struct SanctionsList: Sendable, Hashable {
    /// Why a change was refused (nothing is appended).
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case emptyName
        case nameTooLong(String)
        case alreadyListed(entryId: String, name: String)
        case notListed(String)

        public var description: String {
            switch self {
            case .emptyName: "a sanctioned name cannot be empty"
            case .nameTooLong(let name): "name longer than \(SanctionsList.maxNameLength) characters: \(name)"
            case .alreadyListed(let id, let name): "already listed as \(id): \(name)"
            case .notListed(let what): "not on the list: \(what)"
            }
        }
    }

    /// Longest name or alias accepted.
    public static let maxNameLength = 100

    /// The folded list.
    public private(set) var state = SanctionsListState()
    /// A snapshot is offered after this many changes since the last one.
    public let snapshotEvery: Int
    /// `SanctionedNames` version the latest snapshot covers (nil when none).
    public private(set) var snapshotVersion: Int64?
    /// Events read by the last `load` (snapshot included): how much history loading cost.
    public private(set) var eventsReadOnLoad = 0

    /// An empty list offering a snapshot every `snapshotEvery` changes (at least 1).
    public init(snapshotEvery: Int = 100) {
        self.snapshotEvery = Swift.max(1, snapshotEvery)
    }

    /// Version of the last `SanctionedNames` event folded (nil when the stream is empty);
    /// append the next change with this as the exact expected version.
    public var version: Int64? { state.version }

    public var entries: [SanctionedEntry] { state.entries }

    /// The entry with `entryId`, if listed.
    public func entry(_ entryId: String) -> SanctionedEntry? { state.byId[entryId] }

    /// A screener over the current entries.
    public func screener(threshold: Double = 0.85) -> SanctionsScreener {
        SanctionsScreener(entries: entries, threshold: threshold)
    }

    // MARK: - Changes (produce events; nothing changes until they are applied)

    /// The event adding `name` (with `aliases`) under the next free `SN-nnnn` id.
    /// Refused when the name is empty, too long, or already listed (same normalised words).
    public func adding(name: String, aliases: [String] = [], by: String) throws(Refusal) -> SanctionedNameAdded {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let cleanAliases = aliases.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !trimmed.isEmpty, !NameNormaliser.words(trimmed).isEmpty else { throw .emptyName }
        for text in [trimmed] + cleanAliases where text.count > Self.maxNameLength { throw .nameTooLong(text) }
        if let existing = listed(trimmed) { throw .alreadyListed(entryId: existing.entryId, name: existing.name) }
        return SanctionedNameAdded(entry: SanctionedEntry(entryId: nextEntryId(), name: trimmed, aliases: cleanAliases), by: by)
    }

    /// The event adding a prepared entry (seeding keeps the seed file's ids).
    public func adding(_ entry: SanctionedEntry, by: String) throws(Refusal) -> SanctionedNameAdded {
        guard !NameNormaliser.words(entry.name).isEmpty else { throw .emptyName }
        if let existing = state.byId[entry.entryId] { throw .alreadyListed(entryId: existing.entryId, name: existing.name) }
        return SanctionedNameAdded(entry: entry, by: by)
    }

    /// The event removing the entry with id `entryId`, or whose primary name is `nameOrId`
    /// (compared after normalisation).
    public func removing(_ nameOrId: String, by: String) throws(Refusal) -> SanctionedNameRemoved {
        guard let entry = state.byId[nameOrId] ?? listed(nameOrId) else { throw .notListed(nameOrId) }
        return SanctionedNameRemoved(entryId: entry.entryId, name: entry.name, by: by)
    }

    /// The snapshot to append to `SanctionedNamesSnapshots` when `snapshotEvery` changes have
    /// been folded since the last snapshot; nil otherwise.
    public var snapshotDue: SanctionsListSnapshotTaken? {
        guard let version = state.version else { return nil }
        let since = version - (snapshotVersion ?? -1)
        return since >= Int64(snapshotEvery) ? SanctionsListSnapshotTaken(version: version, entries: entries) : nil
    }

    // MARK: - Folding

    /// Folds an event of `SanctionedNames` recorded at `version`, or a snapshot; others are ignored.
    public mutating func apply(_ event: BankEvent, version: Int64) {
        if case .sanctionsListSnapshotTaken(let snapshot) = event {
            recordSnapshot(snapshot)
            return
        }
        state.apply(event, version: version)
    }

    /// Folds a recorded event of `SanctionedNames` or `SanctionedNamesSnapshots`.
    public mutating func apply(_ event: RecordedEvent) throws(BankEvent.DecodingFailure) {
        let decoded = try BankEvent.decode(event)
        if event.stream == BankStream.sanctionsSnapshots.name {
            apply(decoded, version: event.version)
        } else if event.stream == BankStream.sanctionedNames.name {
            state.apply(decoded, version: event.version)
        }
    }

    /// Notes that `snapshot` was appended (or read); the state itself is not replaced.
    public mutating func recordSnapshot(_ snapshot: SanctionsListSnapshotTaken) {
        if snapshot.version > (snapshotVersion ?? -1) { snapshotVersion = snapshot.version }
    }

    // MARK: - Loading

    /// Loads the list from `store`: the latest snapshot, then only the `SanctionedNames`
    /// events after it. Reads O(changes since the last snapshot), not all history.
    public static func load(from store: any EventStore, snapshotEvery: Int = 100) throws -> SanctionsList {
        var list = SanctionsList(snapshotEvery: snapshotEvery)
        var read = 0
        var from: Int64 = 0
        if let latest = try readExisting(store, BankStream.sanctionsSnapshots.name, from: .end, direction: .backward, maxCount: 1).first {
            let (snapshot, events) = try latestSnapshot(store, last: latest)
            read += events
            list.state = SanctionsListState(snapshot: snapshot)
            list.snapshotVersion = snapshot.version
            from = snapshot.version + 1
        }
        while true {
            let events = try readExisting(store, BankStream.sanctionedNames.name, from: .version(from), direction: .forward, maxCount: 1_024)
            for event in events { try list.apply(event) }
            read += events.count
            guard let last = events.last, events.count == 1_024 else { break }
            from = last.version + 1
        }
        list.eventsReadOnLoad = read
        return list
    }

    /// The snapshot ending with `last`: `last` itself, or all its parts joined (they are
    /// appended together, so they are the stream's last `parts` events). Parts that do not add
    /// up (a missing part, another version) are a decoding failure, never a partial list.
    private static func latestSnapshot(_ store: any EventStore, last: RecordedEvent) throws -> (SanctionsListSnapshotTaken, events: Int) {
        func decoded(_ event: RecordedEvent) throws -> SanctionsListSnapshotTaken {
            guard case .sanctionsListSnapshotTaken(let snapshot) = try BankEvent.decode(event) else {
                throw BankEvent.DecodingFailure.malformed(type: event.type, reason: "not a sanctions snapshot")
            }
            return snapshot
        }
        let final = try decoded(last)
        guard let parts = final.parts, parts > 1 else { return (final, 1) }
        let events = try readExisting(store, BankStream.sanctionsSnapshots.name, from: .version(last.version), direction: .backward, maxCount: parts)
        var entries: [SanctionedEntry] = []
        for (index, event) in events.reversed().enumerated() {
            let part = try decoded(event)
            guard part.version == final.version, part.parts == parts, part.part == index + 1 else {
                throw BankEvent.DecodingFailure.malformed(
                    type: event.type, reason: "snapshot part \(part.part ?? 0) of \(part.parts ?? 0) at version \(event.version) does not belong to the \(parts)-part snapshot of version \(final.version)")
            }
            entries += part.entries
        }
        guard events.count == parts else {
            throw BankEvent.DecodingFailure.malformed(type: last.type, reason: "snapshot of version \(final.version) has \(events.count) of its \(parts) parts")
        }
        return (SanctionsListSnapshotTaken(version: final.version, entries: entries), parts)
    }

    /// A read that treats a stream that does not exist yet as empty.
    private static func readExisting(_ store: any EventStore, _ stream: String, from: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        do {
            return try store.read(.stream(stream), from: from, direction: direction, maxCount: maxCount)
        } catch .streamNotFound {
            return []
        }
    }

    // MARK: - Internals

    /// The listed entry whose primary name has the same normalised words as `name`.
    private func listed(_ name: String) -> SanctionedEntry? {
        let words = NameNormaliser.words(name)
        return state.entries.first { NameNormaliser.words($0.name) == words }
    }

    private func nextEntryId() -> String {
        var highest = 0
        for id in state.order where id.hasPrefix("SN-") { highest = Swift.max(highest, Int(id.dropFirst(3)) ?? 0) }
        for id in state.removedIds where id.hasPrefix("SN-") { highest = Swift.max(highest, Int(id.dropFirst(3)) ?? 0) }
        let number = String(highest + 1)
        return "SN-" + String(repeating: "0", count: Swift.max(0, 4 - number.count)) + number
    }
}

extension SanctionsList: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { state.count }
    public subscript(position: Int) -> SanctionedEntry { state.entries[position] }
}
