import Foundation

extension State {
    mutating func handleSubscriptionsKey(_ key: Key) -> [Effect] {
        let groups = subscriptions.snapshot?.groups ?? []
        let projections = subscriptions.snapshot?.projections ?? []
        switch key {
        case .tab, .right, .left, .char("h"), .char("l"):
            if key == .tab { return select(pane.next) }
            subscriptions.focus = subscriptions.focus == .groups ? .projections : .groups
        case .down, .char("j"):
            if subscriptions.focus == .groups {
                subscriptions.groupCursor = max(0, min(subscriptions.groupCursor + 1, groups.count - 1))
            } else {
                subscriptions.projectionCursor = max(0, min(subscriptions.projectionCursor + 1, projections.count - 1))
                subscriptions.stateScroll = 0
            }
        case .up, .char("k"):
            if subscriptions.focus == .groups {
                subscriptions.groupCursor = max(0, subscriptions.groupCursor - 1)
            } else {
                subscriptions.projectionCursor = max(0, subscriptions.projectionCursor - 1)
                subscriptions.stateScroll = 0
            }
        case .pageDown, .pageUp, .home, .end:
            // Scroll the selected projection's state.
            guard projections.indices.contains(subscriptions.projectionCursor) else { return [] }
            let last = max(0, projections[subscriptions.projectionCursor].stateLines.count - 1)
            let page = max(1, size.height / 3)
            switch key {
            case .pageDown: subscriptions.stateScroll = min(last, subscriptions.stateScroll + page)
            case .pageUp: subscriptions.stateScroll = max(0, subscriptions.stateScroll - page)
            case .home: subscriptions.stateScroll = 0
            default: subscriptions.stateScroll = last
            }
        case .char("R"):
            guard groups.indices.contains(subscriptions.groupCursor) else { return refuse("no subscription group selected") }
            let group = groups[subscriptions.groupCursor]
            guard group.parked > 0 else { return refuse("\(group.group) has no parked messages") }
            overlay = .confirm(Confirmation(question: "Replay \(group.parked) parked message\(group.parked == 1 ? "" : "s") of \(group.group)?",
                                            confirmLabel: "Replay", action: .replayParked(group: group.group, source: group.source)))
        case .char("X"):
            guard projections.indices.contains(subscriptions.projectionCursor) else { return refuse("no projection selected") }
            let projection = projections[subscriptions.projectionCursor]
            overlay = .confirm(Confirmation(question: "Reset \(projection.name) and rebuild it from the beginning of time?",
                                            confirmLabel: "Reset", action: .resetProjection(name: projection.name)))
        case .char("r"):
            subscriptions.lastPoll = now
            return [.loadSubscriptions]
        default: break
        }
        return []
    }

    /// Polls about once a second while the pane shows.
    mutating func subscriptionsTick() -> [Effect] {
        guard pane == .subscriptions else { return [] }
        if let last = subscriptions.lastPoll, now.timeIntervalSince(last) < 1 { return [] }
        subscriptions.lastPoll = now
        return [.loadSubscriptions]
    }

    mutating func subscriptionsLoaded(_ snapshot: SubscriptionsSnapshot) {
        subscriptions.snapshot = snapshot
        subscriptions.groupCursor = max(0, min(subscriptions.groupCursor, snapshot.groups.count - 1))
        subscriptions.projectionCursor = max(0, min(subscriptions.projectionCursor, snapshot.projections.count - 1))
        let lines = snapshot.projections.indices.contains(subscriptions.projectionCursor) ? snapshot.projections[subscriptions.projectionCursor].stateLines.count : 0
        subscriptions.stateScroll = max(0, min(subscriptions.stateScroll, lines - 1))
    }
}
