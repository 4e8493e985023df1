import Foundation
import Store

/// Carries out the stream browser's reads against the store, off the UI thread.
struct StoreReader: Sendable {
    let store: any EventStore

    /// The store's streams, as the browser lists them.
    func streams() -> [StreamsState.StreamInfoRow] {
        store.streams(prefix: nil).filter { !$0.isDeleted }.map { .init(name: $0.name, lastVersion: $0.lastVersion) }
    }

    /// A page of `name` (stream, `$ce-`/`$et-` index, `$streams` or `$all`) from row `from`,
    /// or its last page when `from` is nil.
    func page(of name: String, from: Int64?, count: Int) throws(EventStoreError) -> StreamPage {
        let target = ReadTarget(name)
        let total = try total(of: target)
        let start = from ?? max(0, total - Int64(count))
        let events: [RecordedEvent]
        do {
            events = try store.read(target, from: .version(max(0, start)), direction: .forward, maxCount: count)
        } catch .streamNotFound {
            events = []
        }
        let rows = events.map { event in
            let number: Int64 = switch target {
            case .all: Int64(event.position)
            case .stream: event.version
            case .category, .eventType, .streams: event.link?.version ?? event.version
            }
            return EventRow(number: number, stream: event.stream, version: event.version, position: event.position,
                            type: event.type, created: event.created)
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
        let event = try store.event(stream: stream, version: version)
        let row = EventRow(number: event.version, stream: event.stream, version: event.version,
                           position: event.position, type: event.type, created: event.created)
        return EventDetail(row: row, id: event.id.uuidString.lowercased(), via: via,
                           dataLines: JSONPretty.lines(event.data), metadataLines: JSONPretty.lines(event.metadata))
    }
}
