import Foundation
import Store

extension State {
    /// Event rows that fit in the stream browser at the current size.
    var streamsPageSize: Int { max(1, size.height - 5) }
    /// List rows that fit in the stream browser at the current size.
    var streamsListSize: Int { max(1, size.height - 5) }

    mutating func handleStreamsKey(_ key: Key) -> [Effect] {
        switch streams.mode {
        case .list: return streamsListKey(key)
        case .events: return streamsEventsKey(key)
        case .detail: return streamsDetailKey(key)
        }
    }

    // MARK: - List

    private mutating func streamsListKey(_ key: Key) -> [Effect] {
        let count = streams.rows.count
        if handleFilterKey(key, \.streams.filter, prompt: "Filter streams (prefix or substring):", purpose: .streamFilter, limit: 200,
                           cleared: { $0.moveListCursor(to: 0, count: $0.streams.rows.count) }) { return [] }
        if let index = streams.list.target(of: key, count: count, page: streamsListSize) {
            moveListCursor(to: index, count: count)
            return []
        }
        switch key {
        case .char("r"):
            return [.loadStreams]
        case .char("s"):
            // Keep the cursor on the same row when it stays listed.
            let current = streams.rows.indices.contains(streams.list.cursor) ? streams.rows[streams.list.cursor].name : nil
            streams.showSystem.toggle()
            let rows = streams.rows
            moveListCursor(to: current.flatMap { name in rows.firstIndex { $0.name == name } } ?? 0, count: rows.count)
        case .enter, .right, .char("l"):
            let rows = streams.rows
            guard rows.indices.contains(streams.list.cursor) else { return [] }
            return openStream(rows[streams.list.cursor].name, at: 0, cursorOn: nil, following: false)
        default: break
        }
        return []
    }

    mutating func moveListCursor(to index: Int, count: Int) {
        streams.list.move(to: index, count: count, visible: streamsListSize)
    }

    /// Opens a stream (or index, or `$all`) at row `from` (nil: its last page).
    mutating func openStream(_ name: String, at from: Int64?, cursorOn number: Int64?, following: Bool) -> [Effect] {
        pane = .streams
        streams.mode = .events
        streams.following = following
        streams.pendingCursor = number
        if streams.page?.stream != name {
            streams.page = StreamPage(stream: name, from: from ?? 0, rows: [], total: 0)
            streams.pageCursor = 0
        }
        return [.loadPage(stream: name, from: from, count: streamsPageSize)]
    }

    // MARK: - Events

    private mutating func streamsEventsKey(_ key: Key) -> [Effect] {
        guard let page = streams.page else {
            streams.mode = .list
            return []
        }
        let size = Int64(streamsPageSize)
        switch key {
        case .down, .char("j"):
            if streams.pageCursor + 1 < page.rows.count {
                streams.pageCursor += 1
            } else if page.from + Int64(page.rows.count) < page.total {
                streams.following = false
                return loadPage(from: page.from + 1, cursorOn: page.from + Int64(page.rows.count))
            }
        case .up, .char("k"):
            if streams.pageCursor > 0 {
                streams.pageCursor -= 1
            } else if page.from > 0 {
                streams.following = false
                return loadPage(from: page.from - 1, cursorOn: page.from - 1)
            }
        case .pageDown:
            streams.following = false
            let last = max(0, page.total - size)
            return loadPage(from: min(page.from + size, last), cursorOn: nil)
        case .pageUp:
            streams.following = false
            return loadPage(from: max(0, page.from - size), cursorOn: nil)
        case .home, .char("g"):
            streams.following = false
            return loadPage(from: 0, cursorOn: 0)
        case .end, .char("G"):
            return loadPage(from: nil, cursorOn: max(0, page.total - 1))
        case .char("f"):
            streams.following.toggle()
            if streams.following { return loadPage(from: nil, cursorOn: nil) }
        case .enter, .right, .char("l"):
            guard page.rows.indices.contains(streams.pageCursor) else { return [] }
            let row = page.rows[streams.pageCursor]
            return [.loadEvent(stream: row.event.stream, version: row.event.version, via: row.event.stream == page.stream ? nil : page.stream)]
        case .escape, .left, .char("h"), .backspace:
            streams.mode = .list
            streams.following = false
            return [.loadStreams]
        default: break
        }
        return []
    }

    private mutating func loadPage(from: Int64?, cursorOn number: Int64?) -> [Effect] {
        guard let page = streams.page else { return [] }
        streams.pendingCursor = number
        return [.loadPage(stream: page.stream, from: from, count: streamsPageSize)]
    }

    /// Places a freshly read page, keeping the cursor on the row asked for.
    mutating func pageLoaded(_ page: StreamPage) -> [Effect] {
        guard streams.page?.stream == page.stream else { return [] }
        let previous = streams.page
        streams.page = page
        if let number = streams.pendingCursor, let index = page.rows.firstIndex(where: { $0.number == number }) {
            streams.pageCursor = index
        } else if streams.following {
            streams.pageCursor = max(0, page.rows.count - 1)
        } else if previous?.from != page.from {
            streams.pageCursor = 0
        }
        streams.pageCursor = max(0, min(streams.pageCursor, page.rows.count - 1))
        streams.pendingCursor = nil
        return []
    }

    // MARK: - Detail

    private mutating func streamsDetailKey(_ key: Key) -> [Effect] {
        guard let detail = streams.detail else {
            streams.mode = .events
            return []
        }
        let lines = detail.dataLines.count + detail.metadataLines.count + 8
        let maxScroll = max(0, lines - (size.height - 4))
        switch key {
        case .down, .char("j"): streams.detailScroll = min(maxScroll, streams.detailScroll + 1)
        case .up, .char("k"): streams.detailScroll = max(0, streams.detailScroll - 1)
        case .pageDown: streams.detailScroll = min(maxScroll, streams.detailScroll + streamsPageSize)
        case .pageUp: streams.detailScroll = max(0, streams.detailScroll - streamsPageSize)
        case .home: streams.detailScroll = 0
        case .end: streams.detailScroll = maxScroll
        case .enter, .char("o"):
            guard detail.via != nil else { return [] }
            let size = Int64(streamsPageSize)
            streams.detail = nil
            return openStream(detail.row.event.stream, at: max(0, detail.row.event.version - size / 2),
                              cursorOn: detail.row.event.version, following: false)
        case .escape, .left, .char("h"), .backspace:
            streams.mode = .events
            streams.detail = nil
        default: break
        }
        return []
    }

    // MARK: - News

    /// Counts new events into the list, keeping the cursor on the row it is on while the list
    /// shows. Away from the pane only event types are counted (the list reloads on return).
    mutating func streamsCount(_ events: [RecordedEvent]) {
        guard pane == .streams else {
            streams.count(events, includingStreams: false)
            return
        }
        guard streams.mode == .list else {
            streams.count(events)
            return
        }
        let rows = streams.rows
        let selected = rows.indices.contains(streams.list.cursor) ? rows[streams.list.cursor].name : nil
        streams.count(events)
        guard let selected else { return }
        let after = streams.rows
        if let index = after.firstIndex(where: { $0.name == selected }) { moveListCursor(to: index, count: after.count) }
    }

    /// New events: a followed stream re-reads its last page when they could touch it.
    mutating func streamsEventsArrived(_ events: [RecordedEvent]) -> [Effect] {
        guard streams.mode == .events, streams.following, let page = streams.page, !events.isEmpty else { return [] }
        let target = ReadTarget(page.stream)
        let touches = events.contains { event in
            switch target {
            case .all, .streams: true
            case .stream(let name): event.stream == name
            case .category(let category): StreamNames.category(of: event.stream) == category
            case .eventType(let type): event.type == type
            }
        }
        return touches ? [.loadPage(stream: page.stream, from: nil, count: streamsPageSize)] : []
    }

    mutating func streamsResized() -> [Effect] {
        guard streams.mode == .events, let page = streams.page else { return [] }
        streams.pendingCursor = page.rows.indices.contains(streams.pageCursor) ? page.rows[streams.pageCursor].number : nil
        return [.loadPage(stream: page.stream, from: streams.following ? nil : page.from, count: streamsPageSize)]
    }
}
