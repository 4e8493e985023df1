import Foundation
import Store

/// The console's `update`: folds one `Msg` into the `State` and says what to do next.
///
/// Pure: no I/O, no clock (time arrives in `.tick`), no terminal. Every key path is tested
/// by calling this with literal states.
func update(_ state: State, _ msg: Msg) -> (State, [Effect]) {
    var next = state
    let effects = next.apply(msg)
    return (next, effects)
}

extension State {
    /// How long a toast stays up.
    static let toastSeconds: TimeInterval = 4

    /// `update` in place; returns the effects to perform.
    mutating func apply(_ msg: Msg) -> [Effect] {
        switch msg {
        case .keyPressed(let key):
            let overlayBefore = overlay
            return refusingWrites(handleKey(key), overlayBefore: overlayBefore)
        case .mouse(let event):
            return handleMouse(event)
        case .resized(let newSize):
            size = newSize
            return refreshForResize()
        case .tick(let date):
            now = date
            eventRate.advance(to: date)
            toasts.removeAll { $0.expires <= date }
            return tickEffects()
        case .storeHeadRead(let head):
            catchUpTarget = head
            storePosition = max(storePosition, head)
            return []
        case .eventsArrived(let events, let head):
            storePosition = max(storePosition, head)
            eventRate.add(events.count, at: now)
            return eventsArrived(events)
        case .streamsLoaded(let rows, let firstEvents):
            streams.streams = rows.sorted { $0.name < $1.name }
            streams.streamsIndexCount = firstEvents
            streams.list.cursor = min(streams.list.cursor, max(0, streams.rows.count - 1))
            return []
        case .pageLoaded(let page):
            return pageLoaded(page)
        case .eventLoaded(let detail):
            streams.detail = detail
            streams.detailScroll = 0
            streams.mode = .detail
            return []
        case .loadFailed(let message):
            toast(message, .failure)
            return []
        case let .statementExported(path, entries):
            toast("statement written to \(path) (\(entries) entr\(entries == 1 ? "y" : "ies"))", .success)
            return []
        case .commandFinished(let result):
            if case .pay = result.action {} else { pendingActions = max(0, pendingActions - 1) }
            toast(result.message, result.succeeded ? .success : .failure)
            if case .createProjection = result.action { return projectionCreated(result) }
            return []
        case .timelineLoaded(let timeline):
            timelineLoaded(timeline)
            return []
        case .ledgerLoaded(let page):
            ledgerLoaded(page)
            return []
        case .timeMachineLoaded(let snapshot):
            timeMachineLoaded(snapshot)
            return []
        case .subscriptionsLoaded(let snapshot):
            subscriptionsLoaded(snapshot)
            return []
        case .simulatorChanged(let status):
            simulatorChanged(status)
            return []
        case .healthChecked(let health):
            healthChecked(health)
            return []
        case .operatorsLoaded(let roster, let settings):
            operatorsLoaded(roster, settings)
            return []
        case .operatorsLoadFailed(let message):
            operatorsLoadFailed(message)
            return []
        case .auditLoaded(let page):
            return auditLoaded(page)
        case .auditLoadFailed(let request, let message):
            auditLoadFailed(request, message)
            return []
        case .bankViewsAhead(let views):
            // Events the console still has to fold up to there are then passed over.
            if views.nextPosition > bank.live.nextPosition { bank.live = views }
            return []
        }
    }

    mutating func toast(_ text: String, _ kind: Toast.Kind) {
        toasts.append(Toast(text: text, kind: kind, expires: now.addingTimeInterval(State.toastSeconds)))
        if toasts.count > 3 { toasts.removeFirst(toasts.count - 3) }
    }

    // MARK: - Keys

    private mutating func handleKey(_ key: Key) -> [Effect] {
        if key == .control("c") { return [.quit(code: 0)] }
        if let overlay {
            return handleOverlayKey(key, overlay)
        }
        if let effects = handleGlobalKey(key) { return effects }
        // A key whose action the operator's role does not cover says why; nothing is sent.
        if let refusal = refusal(operatorAction(forKey: key)) { return refuse(refusal) }
        return handlePaneKey(key)
    }

    /// Keys that mean the same in every pane; nil when the key is the pane's to handle.
    private mutating func handleGlobalKey(_ key: Key) -> [Effect]? {
        switch key {
        case .char(let c) where ("1"..."7").contains(c):
            backStack = []
            return select(PaneID(rawValue: Int(String(c)) ?? 1) ?? .flow)
        case .tab:
            backStack = []
            return select(pane.next)
        case .backTab:
            backStack = []
            return select(pane.previous)
        case .char("?"), .function(1):
            overlay = .help(scroll: 0)
            return []
        case .char(":"):
            overlay = .command(TextField(limit: 200), error: nil)
            return []
        case .char("n"):
            return openPaymentForm()
        case .char("p"):
            return controlSimulator(simulator.isPaused ? .resume : .pause)
        case .char("+"), .char("="):
            return controlSimulator(.rate(SimulatorPresets.rate(after: simulator.ratePerSecond, up: true)))
        case .char("-"):
            return controlSimulator(.rate(SimulatorPresets.rate(after: simulator.ratePerSecond, up: false)))
        case .char("m"):
            return controlSimulator(.mix(SimulatorPresets.next(after: simulator.mix)))
        case .char("q"):
            if pendingActions > 0 {
                overlay = .confirm(Confirmation(
                    question: "\(pendingActions) action\(pendingActions == 1 ? " is" : "s are") still running. Quit anyway?",
                    confirmLabel: "Quit", action: .quit))
                return []
            }
            return [.quit(code: 0)]
        default:
            return nil
        }
    }

    /// Switches to a pane and loads what it needs.
    mutating func select(_ newPane: PaneID) -> [Effect] {
        pane = newPane
        switch newPane {
        case .streams where streams.mode == .list: return [.loadStreams]
        case .subscriptions:
            subscriptions.lastPoll = now
            return [.loadSubscriptions]
        case .audit: return auditSelected()
        default: return []
        }
    }

    private mutating func handlePaneKey(_ key: Key) -> [Effect] {
        switch pane {
        case .flow: return handleFlowKey(key)
        case .held: return handleHeldKey(key)
        case .accounts: return handleAccountsKey(key)
        case .streams: return handleStreamsKey(key)
        case .subscriptions: return handleSubscriptionsKey(key)
        case .timeMachine: return handleTimeKey(key)
        case .audit: return handleAuditKey(key)
        }
    }

    // MARK: - Mouse

    private mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        switch event.kind {
        case .wheelUp: return handleKey(.up)
        case .wheelDown: return handleKey(.down)
        case .click:
            guard overlay == nil else { return [] }
            if event.y == 0, let tab = TopBar.tab(atColumn: event.x, state: self) {
                backStack = []
                return select(tab)
            }
            return []
        }
    }

    // MARK: - Store news

    private mutating func eventsArrived(_ events: [RecordedEvent]) -> [Effect] {
        streamsCount(events)
        _ = bank.ingest(events, at: now)
        flowEventsArrived()
        operatorsEventsArrived(events)
        return streamsEventsArrived(events) + auditEventsArrived(events) + ledgerEventsArrived(events)
    }

    private mutating func tickEffects() -> [Effect] {
        bank.finishedRate.advance(to: now)
        return timeTick() + subscriptionsTick() + healthTick() + operatorsTick()
    }

    private mutating func refreshForResize() -> [Effect] {
        streamsResized()
    }
}
