import Foundation
import Store

/// Draws persistent-subscription groups (consumers, in flight, retried, parked, lag) and
/// projections (status, position, lag, state, faults).
enum SubscriptionsView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        guard let all = state.subscriptions.snapshot else {
            let inner = screen.box(area, title: "Subscriptions & projections", glyphs: g)
            screen.put("  reading…", in: inner, row: 0, role: .dim)
            if let catching = TopBar.catchingUpWords(state) {
                screen.put("  the console is \(catching.long) with the log", in: inner, row: 1, role: .warn)
            }
            return
        }
        // The lists after the `/` filter; the titles say how many of how many.
        var snapshot = all
        snapshot.groups = state.subscriptionGroupRows
        snapshot.projections = state.projectionRows
        let groupsHeight = max(5, min(area.height / 2, snapshot.groups.count * 2 + 4))
        let (top, bottom) = area.splitTop(groupsHeight)
        groups(snapshot, state, top, &screen)
        projections(snapshot, state, bottom, &screen)
    }

    private static func groups(_ snapshot: SubscriptionsSnapshot, _ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let focused = state.subscriptions.focus == .groups
        let inner = screen.box(area, title: "Persistent subscriptions (\(counted(snapshot.groups.count, state.subscriptions.snapshot?.groups.count, state)))",
                               glyphs: g, titleRole: focused ? .title : .dim)
        if let unavailable = snapshot.unavailable, snapshot.groups.isEmpty {
            screen.put("  " + unavailable, in: inner, row: 0, role: .dim)
            if let catching = TopBar.catchingUpWords(state) {
                screen.put("  the console is \(catching.long) with the log", in: inner, row: 1, role: .warn)
            }
            return
        }
        let layout = GroupColumns(groups: snapshot.groups, width: inner.width)
        screen.put(layout.header, in: inner, row: 0, role: .header)
        var row = 1
        // Scrolled so the cursor's row and its consumers line stay in view.
        let top = max(0, state.subscriptions.groupCursor + 2 - (inner.height - 1))
        for (index, group) in snapshot.groups.enumerated().dropFirst(top) where row < inner.height {
            let selected = focused && index == state.subscriptions.groupCursor
            let line = (selected ? g.pointer : " ") + " " + layout.line(group, ascii: g.isASCII)
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

    /// The groups table's columns for a width: GROUP and SOURCE always, the figures in order of
    /// importance (parked, lag, in flight, acked, consumers, retried, checkpoint) while they fit,
    /// and what is left widens SOURCE, since several groups share a name and differ by source.
    struct GroupColumns {
        struct Figure: Sendable {
            var title: String
            var width: Int
            var value: @Sendable (PersistentGroupStats) -> String
        }

        /// Every figure in the order the table shows them.
        static let figures: [Figure] = [
            Figure(title: "CONS", width: 5) { "\($0.consumers.count)" },
            Figure(title: "IN FLIGHT", width: 10) { Text.count($0.inFlight) },
            Figure(title: "ACKED", width: 9) { Text.count($0.acked) },
            Figure(title: "RETRIED", width: 8) { Text.count($0.retried) },
            Figure(title: "PARKED", width: 7) { Text.count($0.parked) },
            Figure(title: "LAG", width: 7) { Text.count($0.lag) },
            Figure(title: "CHECKPOINT", width: 11) { $0.lastCheckpoint.map { Text.count($0) } ?? "-" },
        ]
        /// Indexes into `figures`, most important first.
        static let priority = [4, 5, 1, 2, 0, 3, 6]
        /// How many of `priority` come before SOURCE widens: parked, lag, in flight.
        static let urgent = 3

        var groupWidth: Int
        var sourceWidth: Int
        var shown: [Figure]

        init(groups: [PersistentGroupStats], width: Int) {
            let line = width - 2  // the pointer column
            groupWidth = min(24, max(6, (groups.map(\.group.count).max() ?? 0) + 1))
            let sourceNeeded = max(7, (groups.map(\.source.count).max() ?? 0) + 1)
            let sourceMinimum = min(sourceNeeded, 17)
            var keep = Set<Int>(), used = groupWidth + sourceMinimum
            func add(_ indexes: ArraySlice<Int>) {
                for index in indexes where used + Self.figures[index].width <= line {
                    keep.insert(index)
                    used += Self.figures[index].width
                }
            }
            // The urgent figures, then SOURCE as wide as it needs, then the rest.
            add(Self.priority.prefix(Self.urgent))
            let widen = max(0, min(sourceNeeded - sourceMinimum, line - used))
            used += widen
            add(Self.priority.dropFirst(Self.urgent))
            sourceWidth = sourceMinimum + widen
            shown = Self.figures.indices.filter(keep.contains).map { Self.figures[$0] }
        }

        var header: String {
            "  " + Text.left("GROUP", groupWidth) + Text.left("SOURCE", sourceWidth) + shown.map { Text.right($0.title, $0.width) }.joined()
        }

        func line(_ group: PersistentGroupStats, ascii: Bool) -> String {
            Text.left(group.group, groupWidth - 1, ascii: ascii) + " " + Text.left(group.source, sourceWidth - 1, ascii: ascii) + " "
                + shown.map { Text.right($0.value(group), $0.width) }.joined()
        }
    }

    /// Width of the projections table; wider panes show the selected state beside it.
    private static let tableWidth = 82

    private static func projections(_ snapshot: SubscriptionsSnapshot, _ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let focused = state.subscriptions.focus == .projections
        let beside = area.width >= tableWidth + 40
        let (listArea, stateArea) = beside ? area.splitLeft(tableWidth) : (area, Rect(x: 0, y: 0, width: 0, height: 0))
        let inner = screen.box(listArea, title: "Projections (\(counted(snapshot.projections.count, state.subscriptions.snapshot?.projections.count, state)))",
                               glyphs: g, titleRole: focused ? .title : .dim)
        if snapshot.projections.isEmpty {
            let none = ListFilter.needle(state.subscriptions.filter).isEmpty ? "no projections registered" : "none match the filter (Esc clears it)"
            screen.put("  " + (snapshot.unavailable ?? none), in: inner, row: 0, role: .dim)
            if beside { _ = screen.box(stateArea, title: "State", glyphs: g, titleRole: .dim) }
            return
        }
        // SOURCE takes the width the fixed columns leave (a `$et-{…}` list is long).
        let sourceWidth = max(14, min(80, inner.width - 64))
        screen.put("  " + Text.left("NAME", 20) + Text.left("SOURCE", sourceWidth) + Text.left("STATUS", 9) + Text.right("POSITION", 9) + Text.right("LAG", 8)
                   + Text.right("EVENTS", 9) + Text.right("PARTS", 7), in: inner, row: 0, role: .header)
        var row = 1
        for (index, projection) in snapshot.projections.enumerated() where row < inner.height {
            let selected = index == state.subscriptions.projectionCursor
            let role: Role = switch projection.status.runState {
            case .faulted: .bad
            case .running, .elsewhere: .good // elsewhere: another process on the store runs it
            case .stopped: .dim
            }
            let line = (selected ? g.pointer : " ") + " " + Text.left(projection.name, 19, ascii: g.isASCII) + " " + Text.left(projection.source, sourceWidth - 1, ascii: g.isASCII) + " "
                + Text.left(projection.status.runState.rawValue, 9) + Text.right(Text.count(projection.status.position), 9)
                + Text.right(Text.count(projection.status.lag), 8) + Text.right(Text.count(projection.status.eventsProcessed), 9)
                + Text.right("\(projection.status.partitions)", 7)
            screen.put(line, in: inner, row: row, role: selected && focused ? .selected : role)
            if selected, focused { screen.paint(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), role: .selected) }
            row += 1
        }
        // Definitions this console could not run (a name taken, a text it cannot compile).
        for problem in snapshot.problems where row < inner.height {
            screen.put("  not running: " + problem, in: inner, row: row, role: .bad, ascii: g.isASCII)
            row += 1
        }
        // The selected projection's fault, then its state: below the list, or beside it when wide.
        let projections = snapshot.projections
        guard projections.indices.contains(state.subscriptions.projectionCursor) else { return }
        let selected = projections[state.subscriptions.projectionCursor]
        if let fault = selected.fault, row < inner.height {
            screen.put("  fault: " + fault, in: inner, row: row, role: .bad, ascii: g.isASCII)
            row += 1
        }
        let lines = selected.stateLines
        if beside {
            let stateInner = screen.box(stateArea, title: "State of \(selected.name)" + range(lines.count, state, visible: stateArea.height - 2),
                                        glyphs: g, titleRole: focused ? .title : .dim)
            stateLines(lines, state, Rect(x: stateInner.x, y: stateInner.y, width: stateInner.width, height: stateInner.height), &screen)
        } else if row < inner.height {
            let visible = inner.height - row - 1
            screen.put("  state of \(selected.name)" + range(lines.count, state, visible: visible) + ":", in: inner, row: row, role: .title)
            row += 1
            stateLines(lines, state, Rect(x: inner.x + 2, y: inner.y + row, width: inner.width - 2, height: inner.height - row), &screen)
        }
    }

    /// `3`, or `1 of 3 matching "fraud"` while a filter is set.
    private static func counted(_ shown: Int, _ total: Int?, _ state: State) -> String {
        let filter = state.subscriptions.filter.trimmingCharacters(in: .whitespaces)
        guard !filter.isEmpty else { return "\(shown)" }
        return "\(shown) of \(total ?? shown) matching \"\(filter)\""
    }

    /// ` · lines 1–12 of 340` when the state does not fit, else nothing.
    private static func range(_ count: Int, _ state: State, visible: Int) -> String {
        guard count > visible, visible > 0 else { return "" }
        let first = min(state.subscriptions.stateScroll, max(0, count - visible))
        return " (lines \(first + 1)–\(min(count, first + visible)) of \(Text.count(count)), PgUp/PgDn)"
    }

    private static func stateLines(_ lines: [String], _ state: State, _ area: Rect, _ screen: inout Screen) {
        guard area.height > 0 else { return }
        let first = min(state.subscriptions.stateScroll, max(0, lines.count - area.height))
        for (offset, line) in lines.dropFirst(first).prefix(area.height).enumerated() {
            screen.put(line, in: area, row: offset, role: JSONPretty.role(of: line), ascii: state.glyphs.isASCII)
        }
    }
}
