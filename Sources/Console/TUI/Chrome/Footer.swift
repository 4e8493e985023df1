/// The footer: simulator state, then the focused pane's keys.
enum Footer {
    static func render(_ state: State, into screen: inout Screen) {
        let y = screen.height - 1
        screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), role: .status)
        var x = screen.put(" " + state.simulatorSummary + " ", x: 0, y: y, role: .status)
        x = screen.put(String(state.glyphs.vertical), x: x, y: y, role: .status)
        for (key, meaning) in hints(for: state) {
            guard x + key.count + meaning.count + 3 < screen.width else { break }
            x = screen.put(" " + key, x: x, y: y, role: .key)
            x = screen.put(" " + meaning + " ", x: x, y: y, role: .status)
        }
    }

    /// The focused pane's keys, most useful first (the footer shows as many as fit).
    static func hints(for state: State) -> [(String, String)] {
        let common: [(String, String)] = [("?", "help"), ("q", "quit")]
        switch state.pane {
        case .streams:
            switch state.streams.mode {
            case .list: return [("j/k", "move"), ("Enter", "open"), ("/", "filter"), ("s", state.streams.showSystem ? "hide system" : "show system"), ("r", "refresh")] + common
            case .events: return [("j/k", "move"), ("PgUp/PgDn", "page"), ("Enter", "detail"), ("f", state.streams.following ? "unfollow" : "follow"), ("Esc", "back")] + common
            case .detail:
                let jump: [(String, String)] = state.streams.detail?.via != nil ? [("Enter", "open original")] : []
                return [("j/k", "scroll")] + jump + [("Esc", "back")] + common
            }
        case .flow:
            if state.flow.timeline != nil { return [("j/k", "scroll"), ("Esc", "back")] + common }
            return [("j/k", "move"), ("Enter", "timeline"), ("/", "filter"), ("n", "new payment"), ("p", state.simulator.isPaused ? "resume" : "pause"), ("+/-", "rate")] + common
        case .held:
            return [("j/k", "move"), ("a", "approve"), ("r", "reject"), ("Enter", "timeline")] + common
        case .accounts:
            if state.accounts.ledger != nil { return [("j/k", "scroll"), ("b/u/x", "block/unblock/close"), ("Esc", "back")] + common }
            return [("j/k", "move"), ("Enter", "ledger"), ("b", "block"), ("u", "unblock"), ("x", "close"), ("n", "pay in")] + common
        case .subscriptions:
            return [("j/k", "move"), ("←/→", "groups/projections"), ("R", "replay parked"), ("X", "reset projection"), ("PgUp/PgDn", "scroll state")] + common
        case .timeMachine:
            return [("←/→", "step"), ("PgUp/PgDn", "×100"), ("Home/End", "ends"), ("g", "go to"), ("space", state.time.playing ? "pause" : "play"), ("Esc", "now")] + common
        }
    }
}
