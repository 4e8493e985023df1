import Core
import Foundation
import Store

extension State {
    /// Audit rows that fit in the pane (the box, its header row and the selected entry's two lines).
    var auditVisibleRows: Int { max(1, size.height - 2 - 5) }

    mutating func handleAuditKey(_ key: Key) -> [Effect] {
        if handleFilterKey(key, \.audit.filter, prompt: "Filter the audit trail: text in who, role, action, subject, reason or outcome:",
                           purpose: .auditFilter, cleared: { $0.restartAudit() }) {
            return key == .escape ? auditRead(.replace) : []
        }
        let count = audit.rowCount
        switch key {
        case .down, .char("j"): return moveAuditCursor(to: audit.list.cursor + 1)
        case .up, .char("k"): return moveAuditCursor(to: audit.list.cursor - 1, upward: true)
        case .pageDown: return moveAuditCursor(to: audit.list.cursor + auditVisibleRows)
        case .pageUp: return moveAuditCursor(to: audit.list.cursor - auditVisibleRows, upward: true)
        case .end, .char("G"): return moveAuditCursor(to: count - 1)
        case .home, .char("g"), .char("r"):
            // Back to the newest entry, read afresh when the window is elsewhere or stale.
            if audit.atNewest && audit.newer == 0 && key != .char("r") { return moveAuditCursor(to: 0) }
            return auditRead(.replace)
        case .enter:
            let rows = audit.rows
            guard rows.indices.contains(audit.list.cursor) else { return [] }
            return openAuditSubject(rows[audit.list.cursor])
        default:
            return []
        }
    }

    /// Moves the cursor, reading the next page when it reaches the end of those held (or the
    /// page before them when it reaches the top of a window that does not start at the newest).
    private mutating func moveAuditCursor(to index: Int, upward: Bool = false) -> [Effect] {
        let count = audit.rowCount
        audit.list.move(to: index, count: max(1, count), visible: auditVisibleRows)
        return auditReadIfAtAnEdge(upward: upward)
    }

    private mutating func auditReadIfAtAnEdge(upward: Bool) -> [Effect] {
        guard audit.loading == nil, audit.loaded else { return [] }
        if audit.list.cursor >= audit.rowCount - 1, let next = audit.pages.last?.next {
            return auditRead(.below, before: next)
        }
        if upward, audit.list.cursor == 0, !audit.atNewest {
            // The way up was forgotten (a very long scroll): start again from the newest.
            guard let before = audit.above.last else { return auditRead(.replace) }
            return auditRead(.above, before: before)
        }
        return []
    }

    /// Asks for a page; a fresh start also forgets the window's place.
    private mutating func auditRead(_ placement: AuditRequest.Placement, before: UInt64? = nil) -> [Effect] {
        let request = audit.request(before: placement == .replace ? nil : before, placement)
        // What the store held when asked is in the answer (or older than it): not news.
        if placement == .replace || before == nil { audit.headWhenAsked = storePosition }
        audit.loading = request
        return [.loadAudit(request)]
    }

    /// The pane shows: read the newest page the first time, or when the trail grew while the
    /// cursor sits on its newest entry.
    mutating func auditSelected() -> [Effect] {
        guard audit.loading == nil else { return [] }
        if !audit.loaded || (audit.newer > 0 && audit.atNewest && audit.list.cursor == 0) { return auditRead(.replace) }
        return []
    }

    /// The filter changed (as it is typed, or cleared): read from the newest with it.
    mutating func auditFilterChanged(_ text: String) -> [Effect] {
        guard text != audit.filter || !audit.loaded else { return [] }
        audit.filter = text
        restartAudit()
        return auditRead(.replace)
    }

    /// Forgets the window for a new filter; an answer for the old one is dropped.
    private mutating func restartAudit() {
        audit.generation += 1
        audit.pages = []
        audit.above = []
        audit.list = ListPosition()
    }

    mutating func auditLoaded(_ page: AuditPage) -> [Effect] {
        guard audit.place(page) else { return [] }
        audit.list.top = min(audit.list.top, max(0, audit.rowCount - 1))
        audit.list.cursor = min(audit.list.cursor, max(0, audit.rowCount - 1))
        // A filtered page may find nothing yet: read on while the cursor sits at the end.
        return auditReadIfAtAnEdge(upward: false)
    }

    mutating func auditLoadFailed(_ request: AuditRequest, _ message: String) {
        guard request == audit.loading else { return }
        audit.loading = nil
        audit.error = message
        toast("audit trail: \(message)", .failure)
    }

    /// The event types of operator actions, as a set: every event the live feed brings is looked up.
    private static let auditTypes = Set(AuditTrail.types)

    /// Counts operator actions stored after the newest page was read (the feed also replays
    /// older ones while the console catches up); with the cursor on the newest entry, the pane
    /// reads them in at once.
    mutating func auditEventsArrived(_ events: [RecordedEvent]) -> [Effect] {
        guard audit.loaded else { return [] }
        let added = events.reduce(0) { count, event in
            count + (event.position >= audit.readThrough && State.auditTypes.contains(event.type) ? 1 : 0)
        }
        guard added > 0 else { return [] }
        audit.newer += added
        guard pane == .audit, audit.loaded, audit.loading == nil, audit.atNewest, audit.list.cursor == 0 else { return [] }
        return auditRead(.replace)
    }

    /// Enter on an entry: a payment opens its timeline, an account its ledger.
    private mutating func openAuditSubject(_ entry: AuditEntry) -> [Effect] {
        switch entry.subject {
        case .payment(let id):
            guard let payment = bank.live.payments.payment(id) else {
                return refuse("payment \(Text.shortID(id)) is not in the console's flow yet")
            }
            return openTimeline(payment)
        case .account(let id):
            do throws(EventStoreError) {
                guard try bank.live.accounts.account(id) != nil else { return refuse("account \(id) is not in the console's accounts yet") }
            } catch {
                return refuse(State.accountsUnreadable(error))
            }
            backStack.append(.audit)
            pane = .accounts
            accounts.ledger = id
            accounts.ledgerScroll = 0
            return []
        case .operatorName(let name): return refuse("\(name) is an operator: nothing to open (bank-console operators list)")
        case .sanctionsEntry(let entry): return refuse("sanctions entry \(entry): nothing to open (bank-console sanctions list)")
        case .setting(let name): return refuse("\(name) is a setting: nothing to open (bank-console settings)")
        }
    }
}
