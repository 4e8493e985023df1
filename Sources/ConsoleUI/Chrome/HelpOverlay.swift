/// The `?` overlay: every key of the console, grouped.
enum HelpOverlay {
    /// (group title, [(keys, meaning)]). This is the key map of issue 5; keep it exact.
    static let sections: [(String, [(String, String)])] = [
        ("Everywhere", [
            ("1 … 7", "Flow Held Accounts Streams Subs Time Audit"),
            ("Tab / Shift-Tab", "next / previous pane"),
            ("j k  ↑ ↓", "move"),
            ("Enter", "open"),
            ("Esc", "back"),
            ("/", "filter the list (Flow, Held, Accounts, Streams, Subs, Audit; not Time)"),
            ("?", "this help"),
            (":", "command line (see below)"),
            ("n", "new simulated payment"),
            ("p", "pause / resume the simulator"),
            ("+ / -", "simulator rate up / down"),
            ("m", "simulator mix preset"),
            ("q", "quit (asks first if an action is pending)"),
        ]),
        ("Flow", [
            ("Enter", "the payment's timeline"),
            ("/", "filter by state or text"),
        ]),
        ("Held queue", [
            ("a", "approve (release) with a reason"),
            ("r", "reject with a reason"),
            ("/", "filter by id, name, reference or account"),
        ]),
        ("Accounts", [
            ("Enter", "ledger with running balance"),
            ("e", "in a ledger: write its statement as CSV"),
            ("b / u / x", "block / unblock / close"),
            ("/", "filter by holder, sort code, number or status"),
        ]),
        ("Streams", [
            ("Enter", "open stream / event detail / original event"),
            ("/", "filter the list"),
            ("s", "show / hide the store's own ($) streams"),
            ("r", "refresh the list"),
            ("PgUp PgDn Home End", "page"),
            ("f", "follow live"),
        ]),
        ("Subs & projections", [
            ("← →", "switch groups / projections"),
            ("R", "replay parked messages"),
            ("X", "reset (rebuild) projection"),
            ("N", "new projection from a file (FILE [NAME]); its state grows live"),
            ("PgUp/PgDn Home/End", "scroll the projection's state"),
            ("/", "filter groups and projections by name or source"),
        ]),
        ("Time machine", [
            ("← →", "step one event"),
            ("PgUp PgDn", "jump 100 events"),
            ("Home End", "first / last event"),
            ("g", "go to a position (after that event) or time"),
            ("space", "play / pause"),
            ("Esc", "back to now"),
        ]),
        ("Audit", [
            ("Enter", "open the payment (timeline) or account (ledger)"),
            ("/", "filter by who, role, action, subject, reason or outcome"),
            ("g / r", "back to the newest / read again"),
        ]),
        ("Dialogs", [
            ("y / n / Esc", "confirm / cancel"),
            ("Enter", "the focused button (starts on Cancel)"),
            ("Tab ← →", "move between buttons"),
            ("Prompts", "Enter submits, Esc cancels"),
        ]),
        ("Command line (:)", [
            (":pay SC ACC AMOUNT", "pay in from the scheme [FROM NAME]"),
            (":release ID REASON", "release a held payment (asks first)"),
            (":reject ID REASON", "reject a held payment (asks first)"),
            (":payment ID", "a payment's timeline (ID or prefix)"),
            (":stream NAME", "open a stream, $ce-X, $et-X or $all"),
            (":follow NAME", "open a stream and follow it live"),
            (":goto POS|TIME", "time machine at a position or time"),
            (":filter TEXT", "filter the flow"),
            (":rate N  :mix NAME", "simulator rate and mix"),
            (":pause  :resume", "pause / resume the simulator"),
            (":help  :quit", "this help / quit"),
        ]),
    ]

    /// The pane whose keys a section lists, so a key the operator may not use there is greyed.
    static func pane(ofSection title: String) -> PaneID? {
        switch title {
        case "Held queue": .held
        case "Accounts": .accounts
        case "Subs & projections": .subscriptions
        default: nil
        }
    }

    /// For each line of `lines`, the pane of its section.
    private static var linePanes: [PaneID?] {
        var out: [PaneID?] = []
        for (title, keys) in sections {
            if !out.isEmpty { out.append(nil) }
            out.append(nil)
            out += keys.map { _ in pane(ofSection: title) }
        }
        return out
    }

    static var lines: [(String, String, Bool)] {
        var out: [(String, String, Bool)] = []
        for (title, keys) in sections {
            if !out.isEmpty { out.append(("", "", false)) }
            out.append((title, "", true))
            out += keys.map { ($0.0, $0.1, false) }
        }
        return out
    }

    static func visibleRows(for state: State) -> Int { max(1, min(lines.count, state.size.height - 6)) }
    static func maxScroll(for state: State) -> Int { max(0, lines.count - visibleRows(for: state)) }

    static func render(_ state: State, scroll: Int, into screen: inout Screen) {
        let rows = visibleRows(for: state)
        let area = screen.bounds.centered(width: min(72, screen.width - 4), height: rows + 2)
        screen.fill(area, role: .dialog)
        let range = maxScroll(for: state) > 0 ? " \(scroll + 1)–\(scroll + rows) of \(lines.count), j/k PgDn End scroll," : ""
        let inner = screen.box(area, title: "Keys" + range + " Esc closes", glyphs: state.glyphs)
        let panes = linePanes
        for (row, (index, line)) in lines.enumerated().dropFirst(scroll).prefix(rows).enumerated() {
            if line.2 {
                screen.put(" " + line.0, in: inner, row: row, role: .title)
            } else {
                // A key the operator's role does not cover is greyed, with why.
                let denied = panes[index].map { state.keyDenied(line.0.replacingOccurrences(of: " ", with: ""), in: $0) } ?? false
                screen.put("   " + Text.left(line.0, 20), x: inner.x, y: inner.y + row, role: denied ? .keyDenied : .key, limit: inner.maxX)
                screen.put(line.1 + (denied ? " (not your role)" : ""), x: inner.x + 23, y: inner.y + row, role: denied ? .dim : .dialog,
                           limit: inner.maxX)
            }
        }
    }
}
