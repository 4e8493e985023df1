import Foundation
import Store

/// One entry of the stream browser's list: `$all`, a category, an event type or a stream.
struct StreamListRow: Hashable, Sendable {
    enum Kind: Int, Hashable, Sendable, Comparable {
        /// `$all`, the whole log.
        case all
        /// `$streams`, every stream's first event (listed with the system rows).
        case streamsIndex
        case category, eventType, stream
        static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var name: String
    var kind: Kind
    /// Events in it (for a stream: last version + 1), when known.
    var count: Int64?
    /// One of the store's own rows (`$`-prefixed streams, their event types, `$streams`), which
    /// the list hides until `s` shows them.
    var isSystem = false

    /// Whether `name` (a stream, or an event type or category without its `$et-`/`$ce-`) is the
    /// store's own: checkpoints, subscription config, parked messages, metadata (`$`-prefixed).
    static func isSystemName(_ name: String) -> Bool { name.hasPrefix("$") }
}

/// One event as the browser lists it.
struct EventRow: Hashable, Sendable {
    /// Its number in what is being browsed: version in a stream, entry in an index, position in `$all`.
    var number: Int64
    var event: EventHeading
}

/// A page of events of one stream, index or `$all`, oldest first.
struct StreamPage: Hashable, Sendable {
    var stream: String
    /// Number of the first row (see `EventRow.number`).
    var from: Int64
    var rows: [EventRow]
    /// How many events the stream holds in total.
    var total: Int64
}

/// An event opened for reading: pretty-printed data and metadata.
struct EventDetail: Hashable, Sendable {
    var row: EventRow
    var id: String
    /// The index it was reached through (`$ce-…`, `$et-…`, `$all`), if not its own stream.
    var via: String?
    var dataLines: [String]
    var metadataLines: [String]
}

/// What the stream browser shows: the list, one stream's events, or one event.
struct StreamsState: Hashable, Sendable {
    enum Mode: Hashable, Sendable { case list, events, detail }

    var mode: Mode = .list
    /// Every stream known to the store (loaded on demand).
    var streams: [StreamInfoRow] = []
    /// Events of each type seen so far in the log (the console reads the log from its start,
    /// so this is each `$et-` index's length).
    var eventTypes: [String: Int64] = [:]
    var filter: String = ""
    /// Entries in `$streams`, as last loaded.
    var streamsIndexCount: Int64?
    /// List the store's own streams and event types too (`s` toggles; hidden by default).
    var showSystem = false
    /// The cursor in the list of streams and the first row shown.
    var list = ListPosition()

    /// The stream being browsed and the page on screen.
    var page: StreamPage?
    var pageCursor = 0
    /// Tail the stream: stay on its last page as events arrive.
    var following = false
    /// Row number to put the cursor on when the page being loaded arrives.
    var pendingCursor: Int64?

    var detail: EventDetail?
    var detailScroll = 0

    /// A stream the store knows, with its last version.
    struct StreamInfoRow: Hashable, Sendable {
        var name: String
        var lastVersion: Int64
    }

    /// The rows of the list after the filter: `$all` first, then categories, event types and
    /// streams, then (when `showSystem`) the store's own rows; rows whose name starts with the
    /// filter come before those that merely contain it.
    var rows: [StreamListRow] { rows(includingSystem: showSystem) }

    /// System rows the filter matches but the list hides (0 when they are shown).
    var hiddenSystemRows: Int {
        guard !showSystem else { return 0 }
        let needle = filter.lowercased()
        let names = [StreamNames.streams] + eventTypes.keys.filter(StreamListRow.isSystemName).map { "$et-" + $0 }
            + streams.lazy.map(\.name).filter(StreamListRow.isSystemName)
        return needle.isEmpty ? names.count : names.filter { $0.lowercased().contains(needle) || Self.bare($0).hasPrefix(needle) }.count
    }

    func rows(includingSystem: Bool) -> [StreamListRow] {
        var all: [StreamListRow] = [StreamListRow(name: StreamNames.all, kind: .all, count: nil)]
        var categories: [String: Int64] = [:]
        for stream in streams where !StreamListRow.isSystemName(stream.name) {
            if let category = StreamNames.category(of: stream.name) {
                categories[category, default: 0] += stream.lastVersion + 1
            }
        }
        all += categories.keys.sorted().map { StreamListRow(name: "$ce-" + $0, kind: .category, count: categories[$0]) }
        let types = eventTypes.filter { $0.value > 0 }.keys.sorted()
        all += types.filter { !StreamListRow.isSystemName($0) }.map { StreamListRow(name: "$et-" + $0, kind: .eventType, count: eventTypes[$0]) }
        all += streams.filter { !StreamListRow.isSystemName($0.name) }.map { StreamListRow(name: $0.name, kind: .stream, count: $0.lastVersion + 1) }
        if includingSystem {
            all.append(StreamListRow(name: StreamNames.streams, kind: .streamsIndex, count: streamsIndexCount, isSystem: true))
            all += types.filter(StreamListRow.isSystemName).map { StreamListRow(name: "$et-" + $0, kind: .eventType, count: eventTypes[$0], isSystem: true) }
            all += streams.filter { StreamListRow.isSystemName($0.name) }
                .map { StreamListRow(name: $0.name, kind: .stream, count: $0.lastVersion + 1, isSystem: true) }
        }
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return all }
        let prefixed = all.filter { $0.name.lowercased().hasPrefix(needle) || Self.bare($0.name).hasPrefix(needle) }
        let contained = all.filter { row in
            let name = row.name.lowercased()
            return name.contains(needle) && !(name.hasPrefix(needle) || Self.bare(row.name).hasPrefix(needle))
        }
        return prefixed + contained
    }

    /// Keeps the list's counts live between loads: each event bumps its type's count and its
    /// stream's last version (a new stream joins in name order, and `$streams` grows by one).
    /// Idempotent for streams, so events a load already saw may arrive after it. O(log n) per
    /// event, plus the insertion for a new stream.
    ///
    /// `includingStreams: false` counts event types only: the stream list is reloaded whenever
    /// the pane is opened, so it need not be kept (at O(n) per new stream) while nobody sees it.
    mutating func count(_ events: [RecordedEvent], includingStreams: Bool = true) {
        for event in events {
            eventTypes[event.type, default: 0] += 1
            guard includingStreams else { continue }
            var low = 0, high = streams.count
            while low < high {
                let middle = (low + high) / 2
                if streams[middle].name < event.stream { low = middle + 1 } else { high = middle }
            }
            if low < streams.count, streams[low].name == event.stream {
                streams[low].lastVersion = max(streams[low].lastVersion, event.version)
            } else {
                // A stream the list did not have: its first event is a new `$streams` entry.
                streams.insert(StreamInfoRow(name: event.stream, lastVersion: event.version), at: low)
                streamsIndexCount = streamsIndexCount.map { $0 + 1 }
            }
        }
    }

    /// A system name without its `$ce-`/`$et-` prefix, lower-cased, so `/Pay` finds `$ce-Payments`.
    private static func bare(_ name: String) -> String {
        (name.hasPrefix("$ce-") || name.hasPrefix("$et-") ? String(name.dropFirst(4)) : name).lowercased()
    }
}
