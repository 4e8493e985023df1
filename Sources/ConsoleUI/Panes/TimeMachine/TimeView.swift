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
        // While a new point is read, the last one read stays on screen (marked "reading…").
        let asOf = state.time.position == nil ? nil : state.time.snapshot
        let loading = state.time.position != nil && state.time.snapshot?.position != state.time.position
        let when = (state.time.position == nil ? state.bank.live.lastCreated : asOf?.created).map(Text.timestamp) ?? "?"
        var header = " \(when) \(g.bullet) position \(Text.count(position)) of \(Text.count(count - 1))"
        header += state.time.position == nil ? " \(g.bullet) now" : state.time.playing ? " \(g.bullet) playing" : ""
        if loading { header += " \(g.bullet) reading…" }
        screen.put(header, in: topInner, row: 0, role: state.time.position == nil ? .normal : .accent)
        slider(position: position, count: count, in: topInner, &screen, g)

        // The accounts list takes 3/5, and at least 80 columns when the event keeps 40, and
        // enough for its widest balance whole (the event panel gives way).
        let rows = accountRows(asOf, state, visible: rest.height - 3)
        let widest = Text.widest(rows.shown.compactMap { $0.past?.balance.text(ascii: g.isASCII) }, minimum: 12)
        let leftWidth = min(rest.width - 20, max(44, rest.width * 3 / 5, min(80, rest.width - 40), 30 + widest))
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

    /// An account listed: as it is now, and as of the slider (nil: not opened by then, or not read yet).
    private struct Row {
        var now: AccountSummary
        var past: AccountSummary?
        var read: Bool
    }

    private static func accounts(_ asOf: TimeSnapshot?, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let live = state.bank.live
        if let problem = asOf?.problem {
            screen.put(" " + problem, in: inner, row: 0, role: .bad, ascii: g.isASCII)
            return
        }
        let held = asOf?.held ?? live.payments.count(of: .held), heldNow = live.payments.count(of: .held)
        var summary = " held \(held)"
        if state.time.position != nil && held != heldNow { summary += " (now \(heldNow))" }
        summary += "   payments \(Text.count(asOf?.payments ?? live.payments.count))   accounts \(asOf?.accountsOpened ?? live.accounts.count)"
        let scheduled = asOf?.scheduledCount ?? state.bank.schedules.upcomingCount(at: state.now)
        if scheduled > 0 { summary += "   scheduled \(Text.count(scheduled))" }
        screen.put(summary, in: inner, row: 0, role: .warn)
        let (shown, top, cursor, problem) = accountRows(asOf, state, visible: inner.height - 1)
        if let problem {
            screen.put(" " + problem, in: inner, row: 1, role: .bad, ascii: g.isASCII)
            return
        }
        // The balance column is as wide as the widest balance on screen; the holder gives way.
        let balanceWidth = Text.widest(shown.compactMap { $0.past?.balance.text(ascii: g.isASCII) }, minimum: 12)
        // Sort codes and whole "(now …)" notes when there is room; else a compact arrow.
        let wide = inner.width - (balanceWidth - 12) >= 68
        let holderWidth = max(6, min(24, inner.width - (wide ? 60 : 34) - (balanceWidth - 12)))
        for (offset, row) in shown.enumerated() {
            let selected = top + offset == cursor
            let y = inner.y + 1 + offset
            let id = row.now.id
            let number = wide ? "\(id.sortCode) \(id.accountNumber)" : id.accountNumber.description
            var x = screen.put((selected ? g.pointer : " ") + " " + number + " ", x: inner.x, y: y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.left(row.now.holder, holderWidth, ascii: g.isASCII) + " ", x: x, y: y, role: .normal, limit: inner.maxX)
            guard let account = row.past else {
                screen.put(row.read ? "not opened yet" : g.isASCII ? "reading..." : "reading…", x: x, y: y, role: .dim, limit: inner.maxX)
                if selected { screen.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
                continue
            }
            x = screen.put(Text.left(account.status.rawValue, 8), x: x, y: y, role: account.status.role, limit: inner.maxX)
            x = screen.put(Text.right(account.balance.text(ascii: g.isASCII), balanceWidth), x: x, y: y, role: .normal, limit: inner.maxX)
            if state.time.position != nil {
                let now = row.now
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

    /// The accounts on screen: `visible` rows scrolled to keep the cursor in view, each now
    /// and as of the slider.
    private static func accountRows(_ asOf: TimeSnapshot?, _ state: State, visible: Int) -> (shown: [Row], top: Int, cursor: Int, problem: String?) {
        let (shown, top, cursor, problem) = state.timeAccounts(visible: visible)
        let rows = shown.map { now -> Row in
            guard state.time.position != nil else { return Row(now: now, past: now, read: true) }
            guard let read = asOf?.accounts[now.id] else { return Row(now: now, past: nil, read: false) }
            return Row(now: now, past: read, read: true)
        }
        return (rows, top, cursor, problem)
    }

    private static func event(_ asOf: TimeSnapshot?, _ state: State, _ inner: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        var lines: [(String, Role)] = []
        if let detail = state.time.snapshot?.event, state.time.position != nil {
            lines.append((detail.row.event.type, .title))
            lines.append(("\(detail.row.event.stream)  v\(detail.row.event.version)", .dim))
            lines += detail.dataLines.prefix(max(0, inner.height / 2 - 2)).map { ($0, JSONPretty.role(of: $0)) }
        } else {
            // Wrapped when the panel gives way to a wide accounts list.
            for hint in ["\(g.isASCII ? "<-/->" : "←/→") step through the log;", "the event there shows here."] {
                lines += Text.wrap(hint, width: inner.width - 1).map { ($0, .dim) }
            }
        }
        let (shown, top, cursor, _) = state.timeAccounts(visible: state.timeAccountRows)
        // The selected account's schedules as of this point: booked, paying, cancelled.
        if let asOf, asOf.problem == nil, !asOf.schedules.isEmpty, shown.indices.contains(cursor - top), asOf.ledgerOf == shown[cursor - top].id {
            lines.append(("", .normal))
            lines.append(("Scheduled from \(shown[cursor - top].id.accountNumber)", .title))
            for schedule in asOf.schedules {
                let amount = Money(parsing: schedule.amount)?.text(ascii: g.isASCII) ?? schedule.amount
                let when = schedule.next.map { "next \($0)" } ?? "from \(schedule.firstDue)"
                lines.append(("\(amount) to \(schedule.to.name) \(schedule.repeatText)", .normal))
                lines.append(("  \(when) \(g.bullet) \(schedule.status.rawValue) \(g.bullet) paid \(schedule.paid)", schedule.status == .cancelled ? .warn : .dim))
            }
        }
        // The selected account's ledger as of this point (read with it; none for now).
        if let asOf, asOf.problem == nil, shown.indices.contains(cursor - top), asOf.ledgerOf == shown[cursor - top].id {
            let account = shown[cursor - top]
            lines.append(("", .normal))
            lines.append(("Ledger \(account.id.accountNumber) \(account.holder)", .title))
            // Amount and balance always show whole, as wide as the widest; the time when the
            // panel has room for it.
            let ledger = Array(asOf.ledger.prefix(max(1, inner.height)))
            let amountWidth = Text.widest(ledger.map { $0.amount.text(ascii: g.isASCII) }, minimum: 11)
            let balanceWidth = Text.widest(ledger.map { $0.balance.text(ascii: g.isASCII) }, minimum: 12)
            let withTime = inner.width - 1 >= amountWidth + balanceWidth + 10
            let oneLine = inner.width - 1 >= amountWidth + 1 + balanceWidth
            for line in ledger {
                let role: Role = line.amount.pence < 0 ? .bad : .normal
                let amount = line.amount.text(ascii: g.isASCII), balance = line.balance.text(ascii: g.isASCII)
                if oneLine {
                    let money = "\(Text.right(amount, amountWidth)) \(Text.right(balance, balanceWidth))"
                    lines.append(((withTime ? Text.clock(line.created) + " " : "") + money, role))
                } else {
                    // Too narrow for both side by side: the balance goes under the amount.
                    lines.append((amount, role))
                    lines.append(((inner.width - 1 >= balance.count + 4 ? "  = " : "") + balance, .dim))
                }
            }
        }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            screen.put(" " + line.0, in: inner, row: row, role: line.1, ascii: g.isASCII)
        }
    }
}
