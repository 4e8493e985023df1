import Foundation
import Store

/// One projection as the pane shows it: its progress as the store reports it (the
/// `projections` command prints the same) and its state's lines.
struct ProjectionRow: Hashable, Sendable {
    var status: ProjectionStatus
    /// The projection's state, pretty-printed, when it could be read.
    var stateLines: [String]

    var name: String { status.name }

    /// The source as the pane shows it (see `readable(source:)`).
    var source: String { Self.readable(source: status.source) }

    /// What stopped it, in a line: its fault, or the last error writing its checkpoint.
    var fault: String? { status.fault.map(Self.describe) ?? status.lastError.map { "checkpoint: " + $0 } }
}

/// What the subscriptions pane polls.
struct SubscriptionsSnapshot: Hashable, Sendable {
    /// The persistent-subscription groups as the store reports them (the `subscriptions`
    /// command prints the same figures).
    var groups: [PersistentGroupStats]
    var projections: [ProjectionRow]
    /// Said instead of the lists when this store has no persistent subscriptions or projections running.
    var unavailable: String?
    /// Projections created at run time that this console could not run, one sentence each.
    var problems: [String] = []
}

/// The subscriptions pane: which list has the cursor, and where.
struct SubscriptionsState: Hashable, Sendable {
    enum Focus: Hashable, Sendable { case groups, projections }
    var focus: Focus = .groups
    var groupCursor = 0
    var projectionCursor = 0
    /// The first line of the selected projection's state shown (PgUp/PgDn, Home/End scroll it).
    var stateScroll = 0
    var snapshot: SubscriptionsSnapshot?
    /// Text to find in group and projection names and sources (`/`); both lists follow it.
    var filter = ""
    /// When it was last asked for (polled about once a second while the pane shows).
    var lastPoll: Date?
    /// A projection just created from the pane: the cursor goes to it once it is listed.
    var selectOnLoad: String?
}
