/// The footer: simulator state, then the focused pane's keys.
enum Footer {
    static func render(_ state: State, into screen: inout Screen) {
        let y = screen.height - 1
        screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), role: .status)
        // A simulator that stopped on an error says why, in red, in at most half the row.
        let stopped = state.simulator.lastError != nil
        let summary = Text.fit(state.simulatorSummary, max(16, screen.width / 2 - 2), ascii: state.glyphs.isASCII)
        var x = screen.put(" " + summary + " ", x: 0, y: y, role: stopped ? .error : .status)
        x = screen.put(String(state.glyphs.vertical), x: x, y: y, role: .status)
        // `? help` and `q quit` always show: the pane's keys take what room is left before them.
        let hints = hints(for: state)
        let always = Array(hints.suffix(common.count))
        let reserved = always.reduce(0) { $0 + $1.0.count + $1.1.count + 3 }
        for (key, meaning) in hints.dropLast(common.count) {
            guard x + key.count + meaning.count + 3 + reserved < screen.width else { break }
            // A key the operator's role does not cover is greyed (pressing it says why).
            x = put(key, meaning, x: x, y: y, denied: state.keyDenied(key), &screen)
        }
        for (key, meaning) in always where x + key.count + meaning.count + 3 <= screen.width {
            x = put(key, meaning, x: x, y: y, &screen)
        }
    }

    private static func put(_ key: String, _ meaning: String, x: Int, y: Int, denied: Bool = false, _ screen: inout Screen) -> Int {
        let x = screen.put(" " + key, x: x, y: y, role: denied ? .keyDenied : .key)
        return screen.put(" " + meaning + " ", x: x, y: y, role: denied ? .keyDenied : .status)
    }

    /// The keys every pane's footer ends with.
    static let common: [(String, String)] = [("?", "help"), ("q", "quit")]

    /// The focused pane's keys, most useful first (the footer shows as many as fit).
    static func hints(for state: State) -> [(String, String)] {
        switch state.pane {
        case .streams:
            switch state.streams.mode {
            case .list: return [("j/k", "move"), ("Enter", "open"), ("/", "filter"), ("s", state.streams.showSystem ? "hide system" : "show system"), ("r", "refresh")] + common
            case .events: return [("j/k", "move"), ("Enter", "detail"), ("Esc", "back"), ("f", state.streams.following ? "unfollow" : "follow"), ("PgUp/PgDn", "page")] + common
            case .detail:
                let jump: [(String, String)] = state.streams.detail?.via != nil ? [("Enter", "open original")] : []
                return [("j/k", "scroll")] + jump + [("Esc", "back")] + common
            }
        case .flow:
            if state.flow.timeline != nil { return [("j/k", "scroll"), ("Esc", "back")] + common }
            return [("j/k", "move"), ("Enter", "timeline"), ("/", "filter"), ("n", "new payment"), ("p", state.simulator.isPaused ? "resume" : "pause"), ("+/-", "rate")] + common
        case .held:
            return [("j/k", "move"), ("a", "approve"), ("r", "reject"), ("Enter", "timeline"), ("/", "filter")] + common
        case .accounts:
            if state.accounts.ledger != nil { return [("j/k", "scroll"), ("Esc", "back"), ("e", "export CSV"), ("b/u/x", "block/unblock/close")] + common }
            return [("j/k", "move"), ("Enter", "ledger"), ("/", "filter"), ("b", "block"), ("u", "unblock"), ("x", "close"), ("n", "pay in")] + common
        case .subscriptions:
            return [("j/k", "move"), ("←/→", "groups/projections"), ("R", "replay parked"), ("X", "reset projection"), ("N", "new projection"), ("/", "filter"), ("PgUp/PgDn", "scroll state")] + common
        case .audit:
            return [("j/k", "move"), ("Enter", "open"), ("/", "filter"), ("g", "newest"), ("r", "refresh")] + common
        case .timeMachine:
            return [("←/→", "step"), ("PgUp/PgDn", "×100"), ("Home/End", "ends"), ("g", "go to"), ("space", state.time.playing ? "pause" : "play"), ("Esc", "now")] + common
        }
    }
}
