import Core
import Foundation
import Store

/// A page of the audit trail the pane asks for: entries older than a position, kept by the `/`
/// filter, at most `limit` of them.
struct AuditRequest: Hashable, Sendable {
    /// Where the page goes in the pane's window of pages.
    enum Placement: Hashable, Sendable {
        /// It starts the window afresh (a new filter, Home, the first look).
        case replace
        /// It follows the window's last page (older entries).
        case below
        /// It goes back before the window's first page (newer entries dropped earlier).
        case above
    }

    /// Entries older than this position; nil: from the newest.
    var before: UInt64?
    /// The `/` filter as matched (`ListFilter.needle`); empty keeps every entry.
    var needle: String
    var limit: Int
    var placement: Placement
    /// The filter's generation when asked: an answer for an older filter is dropped.
    var generation: Int
}

/// One page of the audit trail, newest first, and where the next (older) one starts.
struct AuditPage: Hashable, Sendable {
    var request: AuditRequest
    var entries: [AuditEntry]
    /// The next page is read before this position; nil when the trail ends in this page.
    var next: UInt64?

    /// The most entries one filtered read looks through: a rare filter comes back with what it
    /// found so far (perhaps nothing) and where to go on, so no read takes long.
    static let scanLimit = 2_000

    /// Reads the page `request` asks for from the bank's events (`AuditTrail.page`).
    static func load(_ request: AuditRequest, from store: any EventStore) throws(BankError) -> AuditPage {
        let limit = max(1, request.limit)
        guard !request.needle.isEmpty else {
            let entries = try AuditTrail.page(in: store, before: request.before, limit: limit)
            return AuditPage(request: request, entries: entries, next: entries.count < limit ? nil : entries.last?.position)
        }
        let scanned = try AuditTrail.page(in: store, before: request.before, limit: max(limit, scanLimit))
        var kept: [AuditEntry] = []
        for entry in scanned where ListFilter.matches(entry, request.needle) {
            kept.append(entry)
            if kept.count == limit { return AuditPage(request: request, entries: kept, next: entry.position) }
        }
        let more = scanned.count == max(limit, scanLimit)
        return AuditPage(request: request, entries: kept, next: more ? scanned.last?.position : nil)
    }
}
