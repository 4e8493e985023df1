import Core
import Foundation

/// Work `update` asks the runtime to do; data, never performed by `update` itself.
enum Effect: Hashable, Sendable {
    /// Leave the console (restoring the terminal) with this exit code.
    case quit(code: Int32)
    /// List the store's streams → `.streamsLoaded`.
    case loadStreams
    /// Read `count` events of `stream` (a stream, `$ce-`/`$et-` index or `$all`) from row
    /// number `from`, or the last page when `from` is nil → `.pageLoaded`.
    case loadPage(stream: String, from: Int64?, count: Int)
    /// Read one event → `.eventLoaded`, remembering the index it was reached through.
    case loadEvent(stream: String, version: Int64, via: String?)
    /// Carry out a confirmed action → `.commandFinished`.
    case perform(Action)
    /// Read a payment's events → `.timelineLoaded`.
    case loadTimeline(paymentID: UUID, positions: [UInt64])
    /// Read an account's newest ledger lines from its stream → `.ledgerLoaded`.
    case loadLedger(AccountID)
    /// Write an account's whole statement as CSV to a file in the working directory.
    case exportStatement(AccountID)
    /// Work out the bank as of `position` (the last event at or before it included) →
    /// `.timeMachineLoaded`: the accounts on screen, the ledger of the one under the cursor,
    /// the held queue and the counts, read from the store.
    /// `later`: a step forward, which lands on the first event at or after the position
    /// (positions may have gaps); otherwise the last event at or before it.
    case seek(position: UInt64, later: Bool = false)
    /// Find the last event stored at or before a time and seek there → `.timeMachineLoaded`.
    case seekTime(Date)
    /// Poll persistent subscriptions and projections → `.subscriptionsLoaded`.
    case loadSubscriptions
    /// Change the simulator → `.simulatorChanged`.
    case controlSimulator(SimulatorControl)
    /// Ask whether the store's writer and the simulator still run → `.healthChecked`.
    case checkHealth
    /// Read the bank's operators and settings (two small streams) → `.operatorsLoaded`.
    case loadOperators
    /// Read a page of the audit trail → `.auditLoaded`.
    case loadAudit(AuditRequest)
}
