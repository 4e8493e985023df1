/// The top bar: product name, the six tabs with the held badge, clock and store position.
enum TopBar {
    /// The tabs' labels and starting columns, as drawn.
    static func tabs(for state: State) -> [(pane: PaneID, label: String, x: Int)] {
        var x = state.size.width >= 120 ? 15 : 1
        var out: [(PaneID, String, Int)] = []
        for pane in PaneID.allCases {
            var label = "\(pane.rawValue) \(pane.title)"
            if pane == .held, state.heldCount > 0 { label += " (\(state.heldCount))" }
            out.append((pane, label, x))
            x += label.count + 2
        }
        return out
    }

    /// The tab drawn at a column of the top row (mouse clicks).
    static func tab(atColumn column: Int, state: State) -> PaneID? {
        tabs(for: state).first { column >= $0.x - 1 && column < $0.x + $0.label.count + 1 }?.pane
    }

    static func render(_ state: State, into screen: inout Screen) {
        let row = Rect(x: 0, y: 0, width: screen.width, height: 1)
        screen.fill(row, role: .status)
        if state.size.width >= 120 { screen.put(" bank-console", x: 0, y: 0, role: .title) }
        for tab in tabs(for: state) {
            let active = tab.pane == state.pane
            screen.put(" " + tab.label + " ", x: tab.x - 1, y: 0, role: active ? .tabActive : .tab)
            if tab.pane == .held, state.heldCount > 0, !active {
                let badgeStart = tab.x + "\(tab.pane.rawValue) \(tab.pane.title) ".count
                screen.put("(\(state.heldCount))", x: badgeStart, y: 0, role: .badge)
            }
        }
        var right = "\(Text.clock(state.now))  pos \(Text.count(state.storePosition))"
        if state.size.width >= 100 { right += "  \(state.glyphs.bullet) \(Text.count(state.eventRate.perSecond)) ev/s" }
        let x = screen.width - right.count - 1
        if x > (tabs(for: state).last.map { $0.x + $0.label.count + 1 } ?? 0) {
            screen.put(right, x: x, y: 0, role: .status)
        }
    }
}
