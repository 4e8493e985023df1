import Core
import Foundation

extension State {
    /// Payment rows that fit in the flow pane's list.
    var flowVisibleRows: Int { max(1, size.height - 2 - FlowView.pipelineHeight(bank.live.payments, arrow: glyphs.arrow, width: size.width) - 3) }

    mutating func handleFlowKey(_ key: Key) -> [Effect] {
        if flow.timeline != nil { return flowTimelineKey(key) }
        let rows = FlowRows(bank.live.payments, filter: flow.filter)
        if handleFilterKey(key, \.flow.filter, prompt: "Filter payments: a state (held, settled ...) or text:", purpose: .flowFilter,
                           cleared: { $0.moveFlowCursor(to: 0, FlowRows($0.bank.live.payments, filter: "")) }) { return [] }
        if let index = flow.list.target(of: key, count: rows.count, page: flowVisibleRows) {
            moveFlowCursor(to: index, rows)
            return []
        }
        switch key {
        case .enter:
            guard let payment = rows[flow.list.cursor] else { return [] }
            return openTimeline(payment)
        default: break
        }
        return []
    }

    private mutating func moveFlowCursor(to index: Int, _ rows: FlowRows) {
        flow.list.move(to: index, count: rows.count, visible: flowVisibleRows)
        flow.selected = rows[flow.list.cursor]?.id
    }

    /// Opens a payment's timeline (from the flow, the held queue or `:payment`).
    mutating func openTimeline(_ payment: PaymentSummary) -> [Effect] {
        // Back from the timeline returns here (unless the flow's own timeline is replaced).
        if !(pane == .flow && flow.timeline != nil) { backStack.append(pane) }
        pane = .flow
        flow.timeline = PaymentTimeline(paymentID: payment.id, entries: [])
        flow.timelineScroll = 0
        return [.loadTimeline(paymentID: payment.id, positions: payment.positions)]
    }

    private mutating func flowTimelineKey(_ key: Key) -> [Effect] {
        let count = flow.timeline?.entries.count ?? 0
        switch key {
        case .escape, .left, .char("h"), .backspace, .enter:
            flow.timeline = nil
            if let origin = backStack.popLast(), origin != pane { return select(origin) }
        case .down, .char("j"): flow.timelineScroll = min(max(0, count - 1), flow.timelineScroll + 1)
        case .up, .char("k"): flow.timelineScroll = max(0, flow.timelineScroll - 1)
        default: break
        }
        return []
    }

    /// Keeps the cursor on the same payment as new ones arrive above it.
    mutating func flowEventsArrived() {
        guard flow.list.cursor > 0, let selected = flow.selected else { return }
        let rows = FlowRows(bank.live.payments, filter: flow.filter)
        if let index = rows.firstIndex(of: selected) {
            let shift = index - flow.list.cursor
            flow.list.cursor = index
            flow.list.top = max(0, flow.list.top + shift)
        }
    }

    mutating func timelineLoaded(_ timeline: PaymentTimeline) {
        guard flow.timeline?.paymentID == timeline.paymentID else { return }
        flow.timeline = timeline
    }
}
