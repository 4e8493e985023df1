import Foundation
import Store

/// A stored event the bank cannot take as true: it does not decode, or it breaks an invariant
/// of the stream it is on (a ledger entry whose `balanceAfter` does not follow, the release of
/// a payment that was never held).
///
/// A read model or processor that meets one stops there and reports it; it never skips the
/// event and never carries it forward. Not a store corruption (`EventStoreError.corrupt`): the
/// record's bytes are what was written, but what was written is not the bank's truth.
public struct EventFault: Error, Equatable, Sendable, CustomStringConvertible {
    /// The event's global position.
    public var position: UInt64
    public var stream: String
    public var version: Int64
    public var type: String
    public var reason: FaultReason

    public init(position: UInt64, stream: String, version: Int64, type: String, reason: FaultReason) {
        self.position = position
        self.stream = stream
        self.version = version
        self.type = type
        self.reason = reason
    }

    /// The fault of `event` for `reason`.
    public init(_ event: RecordedEvent, _ reason: FaultReason) {
        self.init(position: event.position, stream: event.stream, version: event.version, type: event.type, reason: reason)
    }

    public var description: String {
        "event at position \(position) (\(type) on \(stream) version \(version)) cannot be trusted: \(reason)"
    }
}
