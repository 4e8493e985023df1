import Foundation
import Store

extension State {
    /// The groups and projections as the pane lists them: after the `/` filter.
    var subscriptionGroupRows: [PersistentGroupStats] {
        let needle = ListFilter.needle(subscriptions.filter)
        return (subscriptions.snapshot?.groups ?? []).filter { ListFilter.matches($0, needle) }
    }

    var projectionRows: [ProjectionRow] {
        let needle = ListFilter.needle(subscriptions.filter)
        return (subscriptions.snapshot?.projections ?? []).filter { ListFilter.matches($0, needle) }
    }

    mutating func handleSubscriptionsKey(_ key: Key) -> [Effect] {
        let groups = subscriptionGroupRows
        let projections = projectionRows
        if handleFilterKey(key, \.subscriptions.filter, prompt: "Filter groups and projections by name or source:",
                           purpose: .subscriptionsFilter, cleared: { $0.subscriptionsFilterChanged() }) { return [] }
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
            // R acts on the highlighted group only: with the projections focused none is.
            guard subscriptions.focus == .groups else { return refuse("R replays a group's parked messages: ← selects the groups") }
            guard groups.indices.contains(subscriptions.groupCursor) else { return refuse("no subscription group selected") }
            let group = groups[subscriptions.groupCursor]
            guard group.parked > 0 else {
                // Several groups share a name (one per source): name the source too, and where messages are parked.
                let parked = groups.filter { $0.parked > 0 }.map { "\($0.group) on \($0.source) (\($0.parked))" }
                return refuse("nothing parked in \(group.group) on \(group.source)"
                              + (parked.isEmpty ? "" : "; parked: " + parked.joined(separator: ", ")))
            }
            overlay = .confirm(Confirmation(question: "Replay \(group.parked) parked message\(group.parked == 1 ? "" : "s") of \(group.group)?",
                                            confirmLabel: "Replay", action: .replayParked(group: group.group, source: group.source)))
        case .char("X"):
            guard projections.indices.contains(subscriptions.projectionCursor) else { return refuse("no projection selected") }
            let projection = projections[subscriptions.projectionCursor]
            overlay = .confirm(Confirmation(question: "Reset \(projection.name) and rebuild it from the beginning of time?",
                                            confirmLabel: "Reset", action: .resetProjection(name: projection.name)))
        case .char("N"):
            overlay = .prompt(Prompt(label: "New projection: a program file (e.g. held-over-10000.proj from seeds/projections) and, after it, a name (default: the file's):",
                                     field: TextField(limit: 200), purpose: .projectionFile))
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
        if let name = subscriptions.selectOnLoad, let index = projectionRows.firstIndex(where: { $0.name == name }) {
            subscriptions.focus = .projections
            subscriptions.projectionCursor = index
            subscriptions.stateScroll = 0
            subscriptions.selectOnLoad = nil
        }
        clampSubscriptionCursors()
    }

    /// `FILE [NAME]` from the new-projection prompt: the action that creates it (the name is
    /// the file's, less its extension, when not given).
    mutating func projectionFileSubmitted(_ prompt: Prompt, text: String) -> [Effect] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let path = words.first, words.count <= 2 else {
            var again = prompt
            again.error = words.isEmpty ? "a file is required" : "give FILE and at most one NAME"
            overlay = .prompt(again)
            return []
        }
        let name = words.count == 2 ? words[1] : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        subscriptions.selectOnLoad = name
        return perform(.createProjection(name: name, path: path))
    }

    /// Created: shown at once, with the cursor on it; refused: nothing to select.
    mutating func projectionCreated(_ result: CommandResult) -> [Effect] {
        guard result.succeeded else {
            subscriptions.selectOnLoad = nil
            return []
        }
        subscriptions.lastPoll = now
        return [.loadSubscriptions]
    }

    /// The filter changed: the cursors go back to the top of what is left.
    mutating func subscriptionsFilterChanged() {
        subscriptions.groupCursor = 0
        subscriptions.projectionCursor = 0
        subscriptions.stateScroll = 0
        clampSubscriptionCursors()
    }

    private mutating func clampSubscriptionCursors() {
        let groups = subscriptionGroupRows, projections = projectionRows
        subscriptions.groupCursor = max(0, min(subscriptions.groupCursor, groups.count - 1))
        subscriptions.projectionCursor = max(0, min(subscriptions.projectionCursor, projections.count - 1))
        let lines = projections.indices.contains(subscriptions.projectionCursor) ? projections[subscriptions.projectionCursor].stateLines.count : 0
        subscriptions.stateScroll = max(0, min(subscriptions.stateScroll, lines - 1))
    }
}
