/// The top bar: product name, the seven tabs with the held badge, the operator and their role, clock and store position.
enum TopBar {
    /// The tabs' labels and starting columns, as drawn.
    static func tabs(for state: State) -> [(pane: PaneID, label: String, x: Int)] {
        var x = showsTitle(state) ? 15 : 1
        var out: [(PaneID, String, Int)] = []
        for pane in PaneID.allCases {
            var label = "\(pane.rawValue) \(title(pane, state))"
            if pane == .held, state.heldCount > 0 { label += " (\(state.heldCount))" }
            out.append((pane, label, x))
            x += label.count + 2
        }
        return out
    }

    /// A pane's title on the bar: short under 100 columns.
    static func title(_ pane: PaneID, _ state: State) -> String {
        state.size.width < 100 ? pane.shortTitle : pane.title
    }

    /// The product name shows from 120 columns, unless a stopped (or retrying) writer needs the room.
    static func showsTitle(_ state: State) -> Bool {
        state.size.width >= 120 && state.writerFailure == nil
    }

    /// The tab drawn at a column of the top row (mouse clicks).
    static func tab(atColumn column: Int, state: State) -> PaneID? {
        tabs(for: state).first { column >= $0.x - 1 && column < $0.x + $0.label.count + 1 }?.pane
    }

    static func render(_ state: State, into screen: inout Screen) {
        let row = Rect(x: 0, y: 0, width: screen.width, height: 1)
        screen.fill(row, role: .status)
        if showsTitle(state) { screen.put(" bank-console", x: 0, y: 0, role: .title) }
        for tab in tabs(for: state) {
            let active = tab.pane == state.pane
            screen.put(" " + tab.label + " ", x: tab.x - 1, y: 0, role: active ? .tabActive : .tab)
            if tab.pane == .held, state.heldCount > 0, !active {
                let badgeStart = tab.x + "\(tab.pane.rawValue) \(title(tab.pane, state)) ".count
                screen.put("(\(state.heldCount))", x: badgeStart, y: 0, role: .badge)
            }
        }
        // Scheduled payments still to come, when there are any: kept with the position.
        let upcoming = state.bank.schedules.upcomingCount(at: state.now)
        let scheduled = upcoming > 0 ? "\(Text.count(upcoming)) scheduled  " : ""
        var right = "\(scheduled)\(Text.clock(state.now))  pos \(Text.count(state.storePosition))"
        if let label = state.storeLabel { right = label + "  " + right }
        if state.size.width >= 100 { right += "  \(state.glyphs.bullet) \(Text.count(state.eventRate.perSecond)) ev/s" }
        let tabsEnd = tabs(for: state).last.map { $0.x + $0.label.count + 1 } ?? 0
        // A stopped writer outranks everything else on the right: nothing can be written.
        if let failure = state.writerFailure {
            writerStopped(failure, right: right, tabsEnd: tabsEnd, state: state, into: &screen)
            return
        }
        // While catching up the counts on screen are partial: that comes first, before the clock.
        if let catching = catchingUp(state) {
            let full = catching.long + "  " + right
            let start: Int
            if screen.width - full.count - 1 > tabsEnd {
                start = screen.width - full.count - 1
                let after = screen.put(catching.long, x: start, y: 0, role: .warn)
                screen.put("  " + right, x: after, y: 0, role: .status)
            } else {
                let text = screen.width - catching.long.count - 1 > tabsEnd ? catching.long : catching.short
                start = screen.width - text.count - 1
                screen.put(text, x: start, y: 0, role: .warn)
            }
            operatorBefore(start, tabsEnd: tabsEnd, state, &screen)
            return
        }
        // Narrow, with a long held badge: the store position stays, the clock goes first, then
        // the store's label (a PostgreSQL store's database); the operator (who the console acts
        // as) comes before them, as the role alone if need be.
        let position = "\(scheduled)pos \(Text.count(state.storePosition))"
        for (who, text) in candidates(state, right: right, labeled: state.storeLabel.map { $0 + "  " + position }, position: position) where screen.width - text.count - (who.map { $0.text.count + 2 } ?? 0) - 1 > tabsEnd {
            var x = screen.width - text.count - 1
            if let who {
                x -= who.text.count + (text.isEmpty ? 0 : 2)
                screen.put(who.text, x: x, y: 0, role: who.warn ? .warn : .status)
            }
            screen.put(text, x: screen.width - text.count - 1, y: 0, role: .status)
            break
        }
    }

    /// The operator, as much of it as fits, just before column `x` (while catching up).
    private static func operatorBefore(_ x: Int, tabsEnd: Int, _ state: State, _ screen: inout Screen) {
        guard let seat = state.consoleOperator else { return }
        let labels = [seat.label(separator: state.glyphs.isASCII ? "-" : "·"), seat.shortLabel()].compactMap { $0 }
        guard let label = labels.first(where: { x - $0.text.count - 2 > tabsEnd }) else { return }
        screen.put(label.text, x: x - label.text.count - 2, y: 0, role: label.warn ? .warn : .status)
    }

    /// What the right of the bar may hold, most first: the operator with the store's label,
    /// the clock and the position, then with less and less (`labeled`: the label and the
    /// position, when the store has a label).
    private static func candidates(_ state: State, right: String, labeled: String?, position: String) -> [(who: (text: String, warn: Bool)?, text: String)] {
        let positions = [labeled, position].compactMap { $0 }
        guard let seat = state.consoleOperator else { return [(nil, right)] + positions.map { (nil, $0) } }
        let full = seat.label(separator: state.glyphs.isASCII ? "-" : "·")
        guard let short = seat.shortLabel() else { return [(full, right)] + positions.map { (full, $0) } + [(full, ""), (nil, position)] }
        return [(full, right)] + positions.flatMap { [(full, $0), (short, $0)] } + [(full, ""), (short, ""), (nil, position)]
    }

    /// `text` cut to `width` columns from the front, starting with an ellipsis: the store says
    /// where first and what went wrong last (`…/segment-000000.log: No space left on device`).
    static func cutFront(_ text: String, _ width: Int, ascii: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > width, width > 0 else { return text }
        var out = String.UnicodeScalarView()
        out.append(ascii ? "~" : "…")
        out.append(contentsOf: scalars.suffix(width - 1))
        return String(out)
    }

    /// The red ` writer stopped: <reason> ` badge at the right (` unavailable, retrying:
    /// <reason> ` for a store that tries again by itself), followed by the store position when
    /// there is room; when there is not, the reason loses its front (the cause stays).
    private static func writerStopped(_ failure: String, right: String, tabsEnd: Int, state: State, into screen: inout Screen) {
        let words = state.writerRetries ? ("unavailable, retrying", "retrying") : ("writer stopped", "stopped")
        let full = " \(words.0): \(failure) "
        let room = screen.width - tabsEnd - 2
        if full.count + 2 + right.count <= room {
            let after = screen.put(full, x: screen.width - full.count - right.count - 3, y: 0, role: .badge)
            screen.put("  " + right, x: after, y: 0, role: .status)
            return
        }
        // Shorter and shorter, never over the tabs: with the cause's end, then the words alone.
        let label = " \(words.0): "
        let reasonRoom = room - label.count - 1
        let cut = label + cutFront(failure, reasonRoom, ascii: state.glyphs.isASCII) + " "
        let badge = [full, cut, " \(words.0) ", " \(words.1) "].first { $0.count <= room && !($0 == cut && reasonRoom < 8) } ?? " \(words.1) "
        screen.put(badge, x: max(0, screen.width - badge.count - 1), y: 0, role: .badge)
    }

    /// `⟳ catching up 45% · 120,000 behind` and a short form for narrow screens; nil when caught up.
    static func catchingUp(_ state: State) -> (long: String, short: String)? {
        guard let words = catchingUpWords(state) else { return nil }
        let mark = state.glyphs.isASCII ? "" : "⟳ "
        return (mark + words.long, mark + words.short)
    }

    /// `catching up 45% · 120,000 behind` and `catching up 45%`, without the mark.
    static func catchingUpWords(_ state: State) -> (long: String, short: String)? {
        guard let (folded, target) = state.catchingUp else { return nil }
        let percent = target == 0 ? 0 : folded * 100 / target
        return ("catching up \(percent)% \(state.glyphs.bullet) \(Text.count(target - folded)) behind", "catching up \(percent)%")
    }
}
