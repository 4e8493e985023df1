/// The top bar: product name, the six tabs with the held badge, clock and store position.
enum TopBar {
    /// The tabs' labels and starting columns, as drawn.
    static func tabs(for state: State) -> [(pane: PaneID, label: String, x: Int)] {
        var x = showsTitle(state) ? 15 : 1
        var out: [(PaneID, String, Int)] = []
        for pane in PaneID.allCases {
            var label = "\(pane.rawValue) \(pane.title)"
            if pane == .held, state.heldCount > 0 { label += " (\(state.heldCount))" }
            out.append((pane, label, x))
            x += label.count + 2
        }
        return out
    }

    /// The product name shows from 120 columns, unless a stopped writer needs the room.
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
                let badgeStart = tab.x + "\(tab.pane.rawValue) \(tab.pane.title) ".count
                screen.put("(\(state.heldCount))", x: badgeStart, y: 0, role: .badge)
            }
        }
        var right = "\(Text.clock(state.now))  pos \(Text.count(state.storePosition))"
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
            if screen.width - full.count - 1 > tabsEnd {
                let after = screen.put(catching.long, x: screen.width - full.count - 1, y: 0, role: .warn)
                screen.put("  " + right, x: after, y: 0, role: .status)
            } else {
                let text = screen.width - catching.long.count - 1 > tabsEnd ? catching.long : catching.short
                screen.put(text, x: screen.width - text.count - 1, y: 0, role: .warn)
            }
            return
        }
        // Narrow, with a long held badge: the store position stays, the clock goes first.
        for text in [right, "pos \(Text.count(state.storePosition))"] where screen.width - text.count - 1 > tabsEnd {
            screen.put(text, x: screen.width - text.count - 1, y: 0, role: .status)
            break
        }
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

    /// The red ` writer stopped: <reason> ` badge at the right, followed by the store position
    /// when there is room; when there is not, the reason loses its front (the cause stays).
    private static func writerStopped(_ failure: String, right: String, tabsEnd: Int, state: State, into screen: inout Screen) {
        let full = " writer stopped: \(failure) "
        let room = screen.width - tabsEnd - 2
        if full.count + 2 + right.count <= room {
            let after = screen.put(full, x: screen.width - full.count - right.count - 3, y: 0, role: .badge)
            screen.put("  " + right, x: after, y: 0, role: .status)
            return
        }
        // Shorter and shorter, never over the tabs: with the cause's end, then the words alone.
        let cut = " writer stopped: " + cutFront(failure, room - 18, ascii: state.glyphs.isASCII) + " "
        let badge = [full, cut, " writer stopped ", " stopped "].first { $0.count <= room && !($0 == cut && room - 18 < 8) } ?? " stopped "
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
