import Core
import Foundation

/// Draws the payment flow: the pipeline with counts per step and a throughput sparkline, then
/// the live list of payments (or one payment's timeline).
enum FlowView {
    static func render(_ state: State, in area: Rect, into screen: inout Screen) {
        let (top, rest) = area.splitTop(pipelineHeight(state.bank.live.payments, arrow: state.glyphs.arrow, width: area.width))
        pipeline(state, top, &screen)
        if let timeline = state.flow.timeline {
            TimelineView.render(timeline, state: state, in: rest, into: &screen)
        } else {
            list(state, rest, &screen)
        }
    }

    // MARK: - Pipeline

    /// Rows of the pipeline box: when the steps and the end states do not fit on one row of
    /// the box, the end states get a row of their own (so no count is ever cut off).
    static func pipelineHeight(_ flow: PaymentOverview, arrow: String, width: Int) -> Int {
        let steps = stepCounts(flow).map { "\($0.0.rawValue) \(Text.count($0.1))" }.joined(separator: " \(arrow) ")
        let ends = endCounts(flow).map { "\($0.0.rawValue) \(Text.count($0.1))" }.joined(separator: "   ")
        // The box's borders, a space either side, and three spaces between the two parts.
        return 1 + steps.count + 3 + ends.count + 1 <= width - 2 ? 4 : 5
    }

    /// The steps a payment goes through, with how many payments are at each now (a released
    /// payment counts as validated: it goes on from there).
    static func stepCounts(_ flow: PaymentOverview) -> [(PaymentState, Int)] {
        [PaymentState.received, .validated, .screened, .checked, .settled].map { step in
            (step, flow.count(of: step) + (step == .validated ? flow.count(of: .released) : 0))
        }
    }

    /// The states payments come to rest in (or wait in): held, returned and failed always;
    /// the outbound ones once a payment is in them.
    static func endCounts(_ flow: PaymentOverview) -> [(PaymentState, Int)] {
        [PaymentState.held, .returned, .failed, .sent, .accepted, .rejected].compactMap { step in
            let count = flow.count(of: step)
            return (step == .sent || step == .accepted || step == .rejected) && count == 0 ? nil : (step, count)
        }
    }

    private static func pipeline(_ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let inner = screen.box(area, title: "Pipeline", glyphs: g)
        let flow = state.bank.live.payments
        var x = inner.x + 1
        for (index, (step, count)) in stepCounts(flow).enumerated() {
            if index > 0 { x = screen.put(" \(g.arrow) ", x: x, y: inner.y, role: .dim, limit: inner.maxX) }
            x = screen.put(step.rawValue + " ", x: x, y: inner.y, role: .normal, limit: inner.maxX)
            x = screen.put(Text.count(count), x: x, y: inner.y, role: count > 0 && step != .settled ? .accent : step.role, limit: inner.maxX)
        }
        var endRow = inner.y
        if inner.height >= 3 {
            endRow = inner.y + 1
            x = inner.x + 1
        } else {
            x += 3
        }
        for (step, count) in endCounts(flow) {
            x = screen.put(step.rawValue + " ", x: x, y: endRow, role: .normal, limit: inner.maxX)
            x = screen.put(Text.count(count), x: x, y: endRow, role: count > 0 ? step.role : .dim, limit: inner.maxX)
            x += 3
        }
        let sparkRow = inner.y + inner.height - 1
        // Second line: sparkline of finished payments per second, rate, oldest hold.
        let sparkWidth = min(40, max(10, inner.width / 4))
        var line = screen.put(" done/s ", x: inner.x, y: sparkRow, role: .dim, limit: inner.maxX)
        line = screen.put(sparkline(state.bank.finishedRate.buckets.dropLast(), width: sparkWidth, glyphs: g), x: line, y: sparkRow, role: .good, limit: inner.maxX)
        line = screen.put("  \(Text.count(state.bank.finishedRate.perSecond))/s", x: line, y: sparkRow, role: .normal, limit: inner.maxX)
        line = screen.put("   payments \(Text.count(flow.count))", x: line, y: sparkRow, role: .dim, limit: inner.maxX)
        if let oldest = state.heldQueue.first, let heldAt = oldest.heldAt {
            screen.put("   oldest held \(Text.age(seconds: state.now.timeIntervalSince(heldAt)))", x: line, y: sparkRow, role: .warn, limit: inner.maxX)
        }
    }

    /// A sparkline of the last `width` values, scaled to the largest.
    static func sparkline<C: Collection>(_ values: C, width: Int, glyphs: Glyphs) -> String where C.Element == Int {
        let recent = Array(values.suffix(width))
        let padded = Array(repeating: 0, count: max(0, width - recent.count)) + recent
        let peak = max(1, padded.max() ?? 1)
        return padded.map { value in
            value == 0 ? " " : glyphs.spark[min(glyphs.spark.count - 1, value * (glyphs.spark.count - 1) / peak)]
        }.joined()
    }

    // MARK: - List

    private static func list(_ state: State, _ area: Rect, _ screen: inout Screen) {
        let g = state.glyphs
        let rows = FlowRows(state.bank.live.payments, filter: state.flow.filter)
        let filter = state.flow.filter.isEmpty ? "all" : "\"\(state.flow.filter)\" \(Text.count(rows.count))"
        let inner = screen.box(area, title: "Payments (\(filter) \(g.bullet) newest first)", glyphs: g)
        let visible = inner.height - 1
        let shown = (0..<max(0, visible)).map { state.flow.list.top + $0 }.compactMap { rows[$0] }
        let columns = Columns(width: inner.width, natural: Columns.Natural(shown, ascii: g.isASCII))
        screen.put(columns.header, in: inner, row: 0, role: .header)
        guard rows.count > 0 else {
            screen.put(state.flow.filter.isEmpty ? "  (no payments yet)" : "  (no payment matches)", in: inner, row: 1, role: .dim)
            return
        }
        for offset in 0..<visible {
            let index = state.flow.list.top + offset
            guard let payment = rows[index] else { break }
            let selected = index == state.flow.list.cursor
            let y = inner.y + 1 + offset
            let limit = inner.maxX
            var x = screen.put(selected ? g.pointer : " ", x: inner.x, y: y, role: .normal, limit: limit) + 1
            x = screen.column(Text.age(seconds: state.now.timeIntervalSince(payment.received)), x: x, y: y, width: min(6, limit - x), role: .dim, right: true) + 2
            x = screen.column(Text.shortID(payment.id, ascii: g.isASCII), x: x, y: y, width: min(9, max(0, limit - x)), role: .normal)
            x = screen.column(payment.direction == .inbound ? "in" : "out", x: x, y: y, width: min(4, max(0, limit - x)), role: .dim)
            x = screen.column(payment.state.rawValue, x: x, y: y, width: min(10, max(0, limit - x)), role: payment.state.role)
            x = screen.column(amount(payment, ascii: g.isASCII), x: x, y: y, width: min(columns.amount, max(0, limit - x)), role: .normal, right: true) + 2
            x = screen.column(from(payment), x: x, y: y, width: min(columns.from, max(0, limit - x)), role: .normal, ascii: g.isASCII) + 1
            x = screen.column(to(payment, wide: columns.wide), x: x, y: y, width: min(columns.to, max(0, limit - x)), role: .normal, ascii: g.isASCII) + 1
            if columns.reason > 0, let reason = payment.reason {
                screen.column(reason, x: x, y: y, width: min(columns.reason, max(0, limit - x)), role: payment.state.role, ascii: g.isASCII)
            }
            if selected { screen.paint(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .selected) }
        }
    }

    static func amount(_ payment: PaymentSummary, ascii: Bool) -> String {
        payment.amount?.text(ascii: ascii) ?? payment.amountText
    }

    static func from(_ payment: PaymentSummary) -> String {
        payment.direction == .inbound ? payment.from.name : "\(Text.sortCode(payment.from.sortCode)) \(payment.from.accountNumber)"
    }

    static func to(_ payment: PaymentSummary, wide: Bool) -> String {
        let name = payment.direction == .inbound ? (payment.accountHolder ?? payment.to.name) : payment.to.name
        return wide ? "\(Text.sortCode(payment.to.sortCode)) \(payment.to.accountNumber) \(name)" : name
    }

    /// Column widths for the payment list: FROM, TO and REASON share what the fixed columns
    /// leave, sized to what the rows on screen hold, so a wider terminal shows more of each
    /// (TO with the sort code and account number when it fits, whole reasons) instead of
    /// stretching empty space.
    struct Columns {
        var from: Int
        var to: Int
        var reason: Int
        /// TO shows `40-12-34 12345678 Name` rather than only the name.
        var wide: Bool
        /// AMOUNT: as wide as the widest amount on screen (never cut; FROM, TO and REASON give way).
        var amount: Int

        /// Fixed part besides the amount: pointer 2 + age 8 + id 9 + dir 4 + state 10, and 2 after the amount.
        static let fixedBesidesAmount = 35
        /// The fixed part with the usual 12-column amount.
        static let fixed = fixedBesidesAmount + 12

        /// The widths the rows on screen would need to show whole.
        struct Natural {
            // At least room for a short name under each heading.
            var from = 12
            var toName = 12
            var toWide = 12
            var reason = 0
            /// The widest amount (at least the 12 columns of `£99,999.99` and its heading).
            var amount = 12
            /// The widest account in FROM (an outbound payment's: `40-12-34 12345678`), 0 when
            /// every FROM on screen is a name. An account cut short names no account, so FROM
            /// keeps this much while TO can still show a short name.
            var fromAccount = 0

            /// Rounded up to a multiple of 4, so the columns do not twitch with every new row.
            var steady: Natural {
                func up(_ n: Int) -> Int { (n + 3) / 4 * 4 }
                return Natural(from: up(from), toName: up(toName), toWide: up(toWide), reason: up(reason), amount: amount,
                               fromAccount: fromAccount)
            }
        }

        init(width: Int, natural: Natural) {
            amount = natural.amount
            // Two separators: after FROM and after TO.
            let room = max(10, width - Columns.fixedBesidesAmount - amount - 2)
            // Whole columns, TO with its account, in order of preference: steady widths, exact
            // widths, FROM cut to 16 (names only: an account in FROM stays whole). What is left
            // over pads REASON.
            let steady = natural.steady
            let whole: [(Int, Int, Int)] = [(steady.from, steady.toWide, steady.reason),
                                            (natural.from, natural.toWide, natural.reason),
                                            (min(natural.from, max(16, natural.fromAccount)), natural.toWide, natural.reason)]
            if let fit = whole.first(where: { $0.0 + $0.1 + $0.2 <= room }) {
                wide = true
                from = fit.0
                to = fit.1
                reason = fit.2 > 0 ? room - fit.0 - fit.1 : 0
                return
            }
            // Something must be cut: FROM to 20 (half when narrow, but never shorter than an account it
            // shows while TO keeps 8), TO keeps its account when REASON still gets 12 columns, REASON
            // takes the rest (none when too little is left).
            let account = room - natural.fromAccount >= 8 ? natural.fromAccount : 0
            from = min(natural.from, max(min(20, room / 2), account))
            wide = from + natural.toWide + 12 <= room
            to = min(wide ? natural.toWide : natural.toName, max(8, room - from - (natural.reason > 0 ? 12 : 0)))
            reason = natural.reason > 0 ? room - from - to : 0
            if reason < 6 {
                to += max(0, reason)
                reason = 0
            }
            if from + to > room {
                from = max(4, room / 2 - 1)
                to = max(4, room - from)
            }
        }

        var header: String {
            var text = "  " + Text.right("AGE", 6) + "  " + Text.left("PAYMENT", 9) + Text.left("DIR", 4) + Text.left("STATE", 10)
                + Text.right("AMOUNT", amount) + "  " + Text.left("FROM", from) + " " + Text.left("TO", to) + " "
            if reason > 0 { text += "REASON" }
            return text
        }
    }
}

extension FlowView.Columns.Natural {
    /// The widths `payments` need (in an extension, so the memberwise initializer stays).
    init(_ payments: [PaymentSummary], ascii: Bool = false) {
        self.init()
        for payment in payments {
            amount = max(amount, FlowView.amount(payment, ascii: ascii).unicodeScalars.count)
            from = max(from, FlowView.from(payment).count)
            toName = max(toName, FlowView.to(payment, wide: false).count)
            toWide = max(toWide, FlowView.to(payment, wide: true).count)
            reason = max(reason, payment.reason?.count ?? 0)
            if payment.direction == .outbound { fromAccount = max(fromAccount, FlowView.from(payment).count) }
        }
    }
}
