import Core
import Foundation

/// The bank as of one point of the log, worked out off the UI thread for the time machine.
struct TimeSnapshot: Sendable, Equatable {
    /// The position of the last event included.
    var position: UInt64
    var models: BankReadModels
    /// The event at `position`.
    var event: EventDetail?
}
