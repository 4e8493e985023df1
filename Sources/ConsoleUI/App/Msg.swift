import Core
import Foundation
import Store

/// Something that happened, for `update` to fold into the `State`. Named for what happened.
enum Msg: Sendable {
    case keyPressed(Key)
    case mouse(MouseEvent)
    case resized(Size)
    /// A frame tick with the current time.
    case tick(Date)
    /// New durable events in the log, in position order, and the store's head after them.
    case eventsArrived([RecordedEvent], head: UInt64)
    /// The store's head as read at start: the console is catching up until it has folded
    /// this many events.
    case storeHeadRead(UInt64)
    /// The store's streams, and how many entries `$streams` has (nil when that could not be read).
    case streamsLoaded([StreamsState.StreamInfoRow], streamsIndex: Int64?)
    case pageLoaded(StreamPage)
    case eventLoaded(EventDetail)
    /// A read the UI asked for failed (shown as a toast).
    case loadFailed(String)
    /// A statement was written (`e` in a ledger): where, and how many entries.
    case statementExported(path: String, entries: Int)
    /// An action the operator confirmed has finished.
    case commandFinished(CommandResult)
    /// A payment's events, read for its timeline.
    case timelineLoaded(PaymentTimeline)
    /// An account's newest ledger lines, read for the accounts pane.
    case ledgerLoaded(LedgerPage)
    /// The bank as of a point in the log, for the time machine.
    case timeMachineLoaded(TimeSnapshot)
    /// Persistent-subscription groups and projections, polled while their pane shows.
    case subscriptionsLoaded(SubscriptionsSnapshot)
    /// The simulator's settings or state changed.
    case simulatorChanged(SimulatorStatus)
    /// Whether the store's writer and the simulator still run, polled every second.
    case healthChecked(Health)
    /// The bank's operators and settings, read at start and whenever their streams change.
    case operatorsLoaded(OperatorRoster, BankSettings)
    /// Reading the operators or settings failed.
    case operatorsLoadFailed(String)
    /// A page of the audit trail, as asked for by `.loadAudit`.
    case auditLoaded(AuditPage)
    /// Reading the audit trail failed.
    case auditLoadFailed(AuditRequest, String)
    /// The bank's own bank-wide views, found far ahead of the console's (it is catching up).
    case bankViewsAhead(BankOverview)
}

/// What stopped, as the store and the simulator report it (polled: neither says so by itself).
struct Health: Hashable, Sendable {
    /// Why the store's writer stopped (a full disk, an I/O error), or nil while it runs.
    var writerFailure: String?
    /// Whether the store tries again by itself (a database out of reach): the failure may pass.
    var writerRetries = false
    /// Why the simulator stopped sending, or nil while it runs (or was never started).
    var simulatorError: String?
}

/// The outcome of an `Action`, shown as a toast and reflected by the events it caused.
struct CommandResult: Hashable, Sendable {
    var action: Action
    var succeeded: Bool
    var message: String
}
