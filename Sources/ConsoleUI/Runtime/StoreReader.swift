import Core
import Foundation
import Store

/// Carries out the stream browser's reads against the store, off the UI thread.
struct StoreReader: Sendable {
    let store: any EventStore

    /// The store's streams, as the browser lists them.
    func streams() -> [StreamsState.StreamInfoRow] {
        store.streams(prefix: nil).filter { !$0.isDeleted }.map { .init(name: $0.name, lastVersion: $0.lastVersion) }
    }

    /// Entries in `$streams` (one per stream ever created).
    func streamsIndexCount() throws(EventStoreError) -> Int64 {
        try total(of: .streams)
    }

    /// A page of `name` (stream, `$ce-`/`$et-` index, `$streams` or `$all`) from row `from`,
    /// or its last page when `from` is nil.
    func page(of name: String, from: Int64?, count: Int) throws(EventStoreError) -> StreamPage {
        let target = ReadTarget(name)
        let total = try total(of: target)
        let start = from ?? max(0, total - Int64(count))
        var events: [RecordedEvent] = []
        // Past the end of `$all` there is nothing to read (and the store must not be asked).
        let pastTheEnd = if case .all = target { start >= total } else { false }
        if !pastTheEnd {
            do {
                events = try store.read(target, from: .version(max(0, start)), direction: .forward, maxCount: count)
            } catch .streamNotFound {
                events = []
            }
        }
        let rows = events.map { event in
            let number: Int64 = switch target {
            case .all: Int64(event.position)
            case .stream: event.version
            case .category, .eventType, .streams: event.link?.version ?? event.version
            }
            return EventRow(number: number, event: EventHeading(event))
        }
        return StreamPage(stream: name, from: rows.first?.number ?? start, rows: rows, total: total)
    }

    private func total(of target: ReadTarget) throws(EventStoreError) -> Int64 {
        switch target {
        case .all: return Int64(store.headPosition)
        case .stream(let name): return (store.lastVersion(of: name) ?? -1) + 1
        case .category, .eventType, .streams:
            do {
                let last = try store.read(target, from: .end, direction: .backward, maxCount: 1)
                return (last.first?.link?.version ?? -1) + 1
            } catch .streamNotFound {
                return 0
            }
        }
    }

    /// One event with its data and metadata pretty-printed.
    func detail(stream: String, version: Int64, via: String?) throws(EventStoreError) -> EventDetail {
        detail(of: try store.event(stream: stream, version: version), via: via)
    }

    /// `event`, already read, pretty-printed: also one its stream no longer holds (past its
    /// `$maxCount`) that `$all` still does.
    func detail(of event: RecordedEvent, via: String?) -> EventDetail {
        let row = EventRow(number: event.version, event: EventHeading(event))
        return EventDetail(row: row, id: event.id.uuidString.lowercased(), via: via,
                           dataLines: JSONPretty.lines(PersonalDataKeyring.opened(event.data, type: event.type)), metadataLines: JSONPretty.lines(event.metadata))
    }
}

extension StoreReader {
    /// The event at a global position, pretty-printed.
    func detail(at position: UInt64) throws(EventStoreError) -> EventDetail {
        detail(of: try store.event(at: position), via: nil)
    }

    /// A payment's events at the given positions, with causation read from their metadata.
    func timeline(of id: UUID, positions: [UInt64]) throws(EventStoreError) -> PaymentTimeline {
        var entries: [PaymentTimeline.Entry] = []
        var typesByID: [String: String] = [:]
        for position in positions {
            let event = try store.event(at: position)
            // Metadata that is not JSON (events appended by hand) has no causation or actor to show.
            let metadata = try? JSONParser.parse(Array(event.metadata))
            let causation = metadata?["$causationId"]?.stringValue
            let eventID = event.id.uuidString.lowercased()
            typesByID[eventID] = event.type
            entries.append(PaymentTimeline.Entry(
                event: EventHeading(event), id: eventID, causationId: causation?.lowercased(),
                causedBy: causation.flatMap { typesByID[$0.lowercased()] }, actor: metadata?["actor"]?.stringValue,
                summary: Self.digest(PersonalDataKeyring.opened(event.data, type: event.type))))
        }
        return PaymentTimeline(paymentID: id, entries: entries)
    }

    /// Compact one-line JSON of an event's data, without the payment id every event repeats.
    static func digest(_ data: Data) -> String {
        guard case .object(let members)? = try? JSONParser.parse(Array(data)) else {
            return String(decoding: data.prefix(200), as: UTF8.self)
        }
        return JSONValue.object(members.filter { $0.key != "paymentId" }).displayCompact
    }
}
