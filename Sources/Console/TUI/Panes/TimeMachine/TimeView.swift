import Core
import Foundation

/// Draws the time machine: a slider over the log, the bank as of the slider's position, what
/// differs from now, and the event at the cursor. Reads only; it never writes anything.
enum TimeView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let g = state.glyphs
        let (top, rest) = area.splitTop(4)
        let count = state.timeCount
        let position = state.timePosition
        let topInner = screen.box(top, title: "Time machine", glyphs: g)
        guard count > 0 else {
            screen.put(" The log is empty.", in: topInner, row: 0, role: .dim)
            return
        }
        let asOf = state.time.position == nil ? state.bank.live : (state.time.snapshot?.models ?? state.bank.live)
        let loading = state.time.position != nil && state.time.snapshot?.position != state.time.position
        let when = state.bank.timeMachine.created(at: position).map(Text.timestamp) ?? "?"
        var header = " \(when) \(g.bullet) position \(Text.count(position)) of \(Text.count(count - 1))"
        header += state.time.position == nil ? " \(g.bullet) now" : state.time.playing ? " \(g.bullet) playing" : ""
        if loading { header += " \(g.bullet) reading…" }
        screen.put(header, in: topInner, row: 0, role: state.time.position == nil ? .normal : .accent)
        slider(position: position, count: count, in: topInner, &screen, g)

        // The accounts list takes 3/5, and at least 80 columns when the event keeps 40.
        let leftWidth = max(44, rest.width * 3 / 5, min(80, rest.width - 40))
        let (left, right) = rest.splitLeft(leftWidth)
        let leftBox = Rect(x: left.x, y: left.y, width: left.width + 1, height: left.height)
        let asOfTitle = state.time.position == nil ? "Accounts now" : "Accounts as of \(Text.count(position))"
        let accountsInner = screen.box(leftBox, title: asOfTitle, glyphs: g)
        let rightInner = screen.box(right, title: "Event \(Text.count(position))", glyphs: g)
        screen[right.x, right.y] = Cell(scalar: g.teeDown, role: .border)
        screen[right.x, right.maxY - 1] = Cell(scalar: g.teeUp, role: .border)
        accounts(asOf, state, accountsInner, &screen)
        event(asOf, state, rightInner, &screen)
    }

    private static func slider(position: UInt64, count: UInt64, in inner: Rect, _ screen: inout Screen, _ g: Glyphs) {
        let y = inner.y + 1
        let trackStart = inner.x + 1, trackEnd = inner.maxX - 6
        guard trackEnd > trackStart + 2 else { return }
        screen[trackStart, y] = Cell(scalar: g.teeRight, role: .border)
        screen[trackEnd, y] = Cell(scalar: g.teeLeft, role: .border)
        for x in trackStart + 1..<trackEnd { screen[x, y] = Cell(scalar: g.horizontal, role: .border) }
        let span = UInt64(trackEnd - trackStart - 2)
        let knob = trackStart + 1 + Int(count > 1 ? position * span / (count - 1) : span)
        screen.put(g.knob, x: knob, y: y, role: .accent)
        screen.put(" now", x: trackEnd + 1, y: y, role: .dim, limit: inner.maxX)
    }

    private static func accounts(_ asOf: BankReadModels, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let live = state.bank.live
        let held = asOf.payments.count(of: .held), heldNow = live.payments.count(of: .held)
        var summary = " held \(held)"
        if state.time.position != nil && held != heldNow { summary += " (now \(heldNow))" }
        summary += "   payments \(Text.count(asOf.payments.count))   accounts \(asOf.accounts.count)"
        screen.put(summary, in: inner, row: 0, role: .warn)
        let all = asOf.accounts.all
        let visible = inner.height - 1
        let cursor = max(0, min(state.time.cursor, all.count - 1))
        let top = max(0, cursor - visible + 1)
        // Sort codes and whole "(now …)" notes when there is room; else a compact arrow.
        let wide = inner.width >= 68
        let holderWidth = max(6, min(24, inner.width - (wide ? 60 : 34)))
        for (offset, account) in all.dropFirst(top).prefix(visible).enumerated() {
            let selected = top + offset == cursor
            let y = inner.y + 1 + offset
            let number = wide ? "\(account.id.sortCode) \(account.id.accountNumber)" : account.id.accountNumber.description
            var x = screen.put((selected ? g.pointer : " ") + " " + number + " ", x: inner.x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(account.holder, holderWidth, ascii: g.isASCII) + " ", x: x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(account.status.rawValue, 8), x: x, y: y, role: account.status.role, limit: inner.maxX)
            x = screen.put(Text.right(account.balance.text(ascii: g.isASCII), 12), x: x, y: y, role: .normal, limit: inner.maxX)
            if state.time.position != nil, let now = live.accounts.account(account.id) {
                let moved = now.balance != account.balance, restatused = now.status != account.status
                var change: [String] = []
                if moved { change.append("now \(now.balance.text(ascii: g.isASCII)) \(now.balance > account.balance ? g.up : g.down)") }
                if restatused { change.append("now \(now.status.rawValue)") }
                let note = " (" + change.joined(separator: ", ") + ")"
                if change.isEmpty {
                    // Unchanged since then: nothing to say.
                } else if x + note.count <= inner.maxX {
                    screen.put(note, x: x, y: y, role: .accent, limit: inner.maxX)
                } else {
                    screen.put(" " + (restatused ? "*" : now.balance > account.balance ? g.up : g.down), x: x, y: y, role: .accent, limit: inner.maxX)
                }
            }
            if selected { screen.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
        }
    }

    private static func event(_ asOf: BankReadModels, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        var lines: [(String, Role)] = []
        if let detail = state.time.snapshot?.event, state.time.position != nil {
            lines.append((detail.row.type, .title))
            lines.append(("\(detail.row.stream)  v\(detail.row.version)", .dim))
            lines += detail.dataLines.prefix(max(0, inner.height / 2 - 2)).map { ($0, JSONPretty.role(of: $0)) }
        } else {
            // Short enough for the panel on an 80-column terminal.
            lines.append(("\(g.isASCII ? "<-/->" : "←/→") step through the log;", .dim))
            lines.append(("the event there shows here.", .dim))
        }
        // The selected account's ledger as of this point.
        let all = asOf.accounts.all
        if all.indices.contains(state.time.cursor) {
            let account = all[state.time.cursor]
            lines.append(("", .normal))
            lines.append(("Ledger \(account.id.accountNumber) \(account.holder)", .title))
            // Amount and balance always show whole; the time when the panel has room for it.
            let withTime = inner.width - 1 >= 33
            for line in asOf.accounts.recentLedger(account.id, limit: max(1, inner.height)) {
                let money = "\(Text.right(line.amount.text(ascii: g.isASCII), 11)) \(Text.right(line.balance.text(ascii: g.isASCII), 12))"
                lines.append(((withTime ? Text.clock(line.created) + " " : "") + money, line.amount.pence < 0 ? .bad : .normal))
            }
        }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            screen.put(" " + line.0, in: inner, row: row, role: line.1, ascii: g.isASCII)
        }
    }
}
