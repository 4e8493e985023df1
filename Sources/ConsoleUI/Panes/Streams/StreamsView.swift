import Foundation

/// Draws the stream browser: the list of streams, one stream's events, or one event.
enum StreamsView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        switch state.streams.mode {
        case .list: list(state, area, &screen)
        case .events: events(state, area, &screen)
        case .detail: detail(state, area, &screen)
        }
    }

    private static func list(_ state: State, _ area: Rect, _ screen: inout Screen) {
        let rows = state.streams.rows
        let hidden = state.streams.hiddenSystemRows
        var title = "Streams (\(Text.count(rows.count)))"
        if !state.streams.filter.isEmpty { title += "  filter \"\(state.streams.filter)\"" }
        if hidden > 0 {
            title += " \(state.glyphs.bullet) \(Text.count(hidden)) system hidden, s shows"
        } else if state.streams.showSystem {
            title += " \(state.glyphs.bullet) system shown, s hides"
        }
        let inner = screen.box(area, title: title, glyphs: state.glyphs)
        let countWidth = 12, kindWidth = 14
        let nameWidth = max(8, inner.width - countWidth - kindWidth - 2)
        screen.put("  " + Text.left("NAME", nameWidth) + Text.left("KIND", kindWidth) + Text.right("EVENTS", countWidth - 1),
                   in: inner, row: 0, role: .header)
        let visible = inner.height - 1
        for (offset, row) in rows.dropFirst(state.streams.list.top).prefix(visible).enumerated() {
            let index = state.streams.list.top + offset
            let selected = index == state.streams.list.cursor
            let count: String = switch row.kind {
            case .all: Text.count(state.storePosition)
            default: row.count.map { Text.count($0) } ?? ""
            }
            // The name keeps one column clear so a long one never runs into its kind.
            let line = (selected ? state.glyphs.pointer : " ") + " "
                + Text.left(row.name, nameWidth - 1, ascii: state.glyphs.isASCII) + " "
                + Text.left(kind(of: row), kindWidth) + Text.right(count, countWidth - 1)
            let role: Role = row.isSystem ? .dim : row.kind == .stream ? .normal : .accent
            screen.put(line, in: inner, row: offset + 1, role: selected ? .selected : role)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + offset + 1, width: inner.width, height: 1), role: .selected) }
        }
        if state.streams.streams.isEmpty && rows.count <= 1 {
            screen.put("  (no streams yet)", in: inner, row: 2, role: .dim)
        } else if rows.isEmpty {
            let more = hidden > 0 ? "; \(Text.count(hidden)) system row\(hidden == 1 ? " matches" : "s match"), s shows them" : ""
            screen.put("  (nothing matches \"\(state.streams.filter)\"\(more))", in: inner, row: 1, role: .dim, ascii: state.glyphs.isASCII)
        }
    }

    /// What a list row is, in the KIND column.
    static func kind(of row: StreamListRow) -> String {
        switch row.kind {
        case .all: "log"
        case .streamsIndex: "system index"
        case .category: "category"
        case .eventType: row.isSystem ? "system type" : "event type"
        case .stream: row.isSystem ? "system stream" : "stream"
        }
    }

    private static func events(_ state: State, _ area: Rect, _ screen: inout Screen) {
        guard let page = state.streams.page else { return }
        let last = page.from + Int64(page.rows.count) - 1
        let range = page.rows.isEmpty ? "empty" : "\(Text.count(page.from))–\(Text.count(last)) of \(Text.count(page.total))"
        let follow = state.streams.following ? "  \(state.glyphs.bullet) following" : ""
        let inner = screen.box(area, title: "\(page.stream) · \(range)\(follow)", glyphs: state.glyphs)
        let isIndex = page.stream.hasPrefix("$")
        let wide = inner.width >= 120
        let numberWidth = wide ? 9 : 7, positionWidth = wide ? 10 : 8, timeWidth = wide ? 25 : 9
        let rest = inner.width - (2 + numberWidth + 1 + positionWidth + 2 + timeWidth)
        let typeWidth = isIndex ? max(12, min(40, rest / 2)) : rest
        var header = "  " + Text.right(isIndex ? "#" : "VER", numberWidth - 1) + " " + Text.right("POSITION", positionWidth)
        header += "  " + Text.left("CREATED", timeWidth) + Text.left("TYPE", typeWidth)
        if isIndex { header += "STREAM" }
        screen.put(header, in: inner, row: 0, role: .header)
        for (index, row) in page.rows.prefix(inner.height - 1).enumerated() {
            let selected = index == state.streams.pageCursor
            let time = wide ? Text.timestamp(row.event.created) : Text.clock(row.event.created)
            var line = (selected ? state.glyphs.pointer : " ") + " "
            line += Text.right(Text.count(row.number), numberWidth - 1) + " " + Text.right(Text.count(row.event.position), positionWidth)
            line += "  " + Text.left(time, timeWidth) + Text.left(row.event.type, typeWidth - 1, ascii: state.glyphs.isASCII) + " "
            if isIndex { line += "\(row.event.stream)@\(row.event.version)" }
            screen.put(line, in: inner, row: index + 1, role: selected ? .selected : .normal)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + index + 1, width: inner.width, height: 1), role: .selected) }
        }
        if page.rows.isEmpty {
            let empty = isIndex || page.total > 0 ? "(no events)" : "(no stream named \(page.stream) yet; f follows it)"
            screen.put("  " + empty, in: inner, row: 1, role: .dim, ascii: state.glyphs.isASCII)
        }
    }

    private static func detail(_ state: State, _ area: Rect, _ screen: inout Screen) {
        guard let detail = state.streams.detail else { return }
        let event = detail.row.event
        let inner = screen.box(area, title: "\(event.type) · \(event.stream)@\(event.version)", glyphs: state.glyphs)
        var lines: [(String, Role)] = [
            ("stream    \(event.stream)   version \(event.version)   position \(Text.count(event.position))", .normal),
            ("id        \(detail.id)", .normal),
            ("created   \(Text.timestamp(event.created)) UTC", .normal),
        ]
        if let via = detail.via {
            lines.append(("via       \(via)   (Enter opens the original in \(event.stream))", .accent))
        }
        lines.append(("", .normal))
        lines.append(("data", .title))
        lines += detail.dataLines.map { ($0, JSONPretty.role(of: $0)) }
        lines.append(("", .normal))
        lines.append(("metadata", .title))
        lines += detail.metadataLines.map { ($0, JSONPretty.role(of: $0)) }
        for (index, line) in lines.dropFirst(state.streams.detailScroll).prefix(inner.height).enumerated() {
            screen.put(" " + line.0, in: inner, row: index, role: line.1)
        }
    }
}
