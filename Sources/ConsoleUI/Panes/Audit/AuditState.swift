import Core
import Foundation

/// The audit pane: a window of a few pages of the audit trail (newest first), the cursor in it,
/// and the `/` filter.
///
/// Only `maxPages` pages are held: reading on below drops the newest page, and the position it
/// started at is kept (`above`) so moving back up reads it again. Those positions are capped
/// too (`maxAbove`); past them, moving up starts again from the newest entry.
struct AuditState: Hashable, Sendable {
    static let pageSize = 100
    static let maxPages = 4
    static let maxAbove = 1_000

    /// The pages held, newest first; each one's `next` is where the following one starts.
    var pages: [AuditPage] = []
    /// Where the pages dropped from the top started (`nil`: the newest), most recent last.
    var above: [UInt64?] = []
    var list = ListPosition()
    var filter = ""
    /// Bumped when the filter changes, so an answer for the old filter is dropped.
    var generation = 0
    /// The page asked for and not yet come back.
    var loading: AuditRequest?
    /// Operator actions stored since the window's newest page was read.
    var newer = 0
    /// The store's head when the newest page was asked for.
    var headWhenAsked: UInt64 = 0
    /// Events from this position on are news to the window: the newest page holds (or
    /// filtered out) every operator action before it.
    var readThrough: UInt64 = 0
    /// Why the last read failed, until the next one succeeds.
    var error: String?

    /// The entries held, newest first.
    var rows: [AuditEntry] { pages.flatMap(\.entries) }
    var rowCount: Int { pages.reduce(0) { $0 + $1.entries.count } }

    /// Whether the window starts at the newest entry.
    var atNewest: Bool { pages.first.map { $0.request.before == nil } ?? true }
    /// Whether older entries remain to be read below the window.
    var moreBelow: Bool { pages.last?.next != nil }
    /// Whether the window was read at all.
    var loaded: Bool { !pages.isEmpty }

    /// The request for a page, with this filter.
    func request(before: UInt64?, _ placement: AuditRequest.Placement) -> AuditRequest {
        AuditRequest(before: before, needle: ListFilter.needle(filter), limit: AuditState.pageSize, placement: placement,
                     generation: generation)
    }

    /// Puts a page that came back into the window; false when it is stale (not the one asked for).
    mutating func place(_ page: AuditPage) -> Bool {
        guard page.request == loading else { return false }
        loading = nil
        error = nil
        switch page.request.placement {
        case .replace:
            pages = [page]
            above = []
            list = ListPosition()
            newer = 0
            readThrough = max(headWhenAsked, (page.entries.first?.position).map { $0 + 1 } ?? 0)
        case .below:
            pages.append(page)
            if pages.count > AuditState.maxPages {
                let dropped = pages.removeFirst()
                above.append(dropped.request.before)
                if above.count > AuditState.maxAbove { above.removeFirst(above.count - AuditState.maxAbove) }
                shift(by: -dropped.entries.count)
            }
        case .above:
            if !above.isEmpty { above.removeLast() }
            pages.insert(page, at: 0)
            shift(by: page.entries.count)
            if pages.count > AuditState.maxPages { pages.removeLast() }
            if page.request.before == nil {
                newer = 0
                readThrough = max(headWhenAsked, (page.entries.first?.position).map { $0 + 1 } ?? 0)
            }
        }
        return true
    }

    private mutating func shift(by rows: Int) {
        list.cursor = max(0, list.cursor + rows)
        list.top = max(0, list.top + rows)
    }
}
