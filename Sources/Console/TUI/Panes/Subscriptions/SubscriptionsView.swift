import Foundation

/// Draws persistent-subscription groups (consumers, in flight, retried, parked, lag) and
/// projections (status, position, lag, state, faults).
enum SubscriptionsView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        guard let snapshot = state.subscriptions.snapshot else {
            let inner = screen.box(area, title: "Subscriptions & projections", glyphs: g)
            screen.put("  reading…", in: inner, row: 0, role: .dim)
            return
        }
        let groupsHeight = max(5, min(area.height / 2, snapshot.groups.count * 2 + 4))
        let (top, bottom) = area.splitTop(groupsHeight)
        groups(snapshot, state, top, &screen)
        projections(snapshot, state, bottom, &screen)
    }

    private static func groups(_ snapshot: SubscriptionsSnapshot, _ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let focused = state.subscriptions.focus == .groups
        let inner = screen.box(area, title: "Persistent subscriptions (\(snapshot.groups.count))", glyphs: g, titleRole: focused ? .title : .dim)
        if let unavailable = snapshot.unavailable, snapshot.groups.isEmpty {
            screen.put("  " + unavailable, in: inner, row: 0, role: .dim)
            return
        }
        screen.put("  " + Text.left("GROUP", 24) + Text.left("SOURCE", 18) + Text.right("CONS", 5) + Text.right("IN FLIGHT", 10) + Text.right("ACKED", 10)
                   + Text.right("RETRIED", 9) + Text.right("PARKED", 8) + Text.right("LAG", 8) + "  CHECKPOINT", in: inner, row: 0, role: .header)
        var row = 1
        for (index, group) in snapshot.groups.enumerated() where row < inner.height {
            let selected = focused && index == state.subscriptions.groupCursor
            let line = (selected ? g.pointer : " ") + " " + Text.left(group.group, 23, ascii: g.isASCII) + " " + Text.left(group.source, 17, ascii: g.isASCII) + " "
                + Text.right("\(group.consumers.count)", 5) + Text.right(Text.count(group.inFlight), 10) + Text.right(Text.count(group.acked), 10)
                + Text.right(Text.count(group.retried), 9) + Text.right(Text.count(group.parked), 8) + Text.right(Text.count(group.lag), 8)
                + "  " + (group.lastCheckpoint.map { Text.count($0) } ?? "-")
            screen.put(line, in: inner, row: row, role: group.parked > 0 ? .warn : .normal)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), role: .selected) }
            row += 1
            if selected, row < inner.height {
                let consumers = group.consumers.map { "\($0.name) (\($0.inFlight) in flight, \($0.acked) acked, \($0.nacked) nacked)" }.joined(separator: ", ")
                screen.put("    consumers: " + (consumers.isEmpty ? "none connected" : consumers) + (group.lastError.map { "  error: \($0)" } ?? ""),
                           in: inner, row: row, role: .dim, ascii: g.isASCII)
                row += 1
            }
        }
    }

    private static func projections(_ snapshot: SubscriptionsSnapshot, _ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let focused = state.subscriptions.focus == .projections
        let inner = screen.box(area, title: "Projections (\(snapshot.projections.count))", glyphs: g, titleRole: focused ? .title : .dim)
        if snapshot.projections.isEmpty {
            screen.put("  " + (snapshot.unavailable ?? "no projections registered"), in: inner, row: 0, role: .dim)
            return
        }
        screen.put("  " + Text.left("NAME", 24) + Text.left("SOURCE", 18) + Text.left("STATUS", 9) + Text.right("POSITION", 10) + Text.right("LAG", 8)
                   + Text.right("EVENTS", 10) + Text.right("PARTS", 7), in: inner, row: 0, role: .header)
        var row = 1
        for (index, projection) in snapshot.projections.enumerated() where row < inner.height {
            let selected = focused && index == state.subscriptions.projectionCursor
            let role: Role = projection.status == "faulted" ? .bad : projection.status == "running" ? .good : .dim
            let line = (selected ? g.pointer : " ") + " " + Text.left(projection.name, 23, ascii: g.isASCII) + " " + Text.left(projection.source, 17, ascii: g.isASCII) + " "
                + Text.left(projection.status, 9) + Text.right(Text.count(projection.position), 10) + Text.right(Text.count(projection.lag), 8)
                + Text.right(Text.count(projection.processed), 10) + Text.right("\(projection.partitions)", 7)
            screen.put(line, in: inner, row: row, role: selected ? .selected : role)
            if selected { screen.paint(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), role: .selected) }
            row += 1
        }
        // The selected projection's fault and state below the list.
        let projections = snapshot.projections
        guard projections.indices.contains(state.subscriptions.projectionCursor) else { return }
        let selected = projections[state.subscriptions.projectionCursor]
        if let fault = selected.fault, row < inner.height {
            screen.put("  fault: " + fault, in: inner, row: row, role: .bad, ascii: g.isASCII)
            row += 1
        }
        if row < inner.height, !selected.stateLines.isEmpty {
            screen.put("  state of \(selected.name):", in: inner, row: row, role: .title)
            row += 1
            for line in selected.stateLines where row < inner.height {
                screen.put("    " + line, in: inner, row: row, role: JSONPretty.role(of: line), ascii: g.isASCII)
                row += 1
            }
        }
    }
}
