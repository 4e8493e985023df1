import Foundation
import Store

/// How far a read model's fold of the log (`$all`) has come, and the event it stopped at if it
/// stopped: what `BankReadModels` and `BankOverview` both keep, with the first step both take
/// for every event (`admit`).
///
/// Not a subscription checkpoint: it is part of the read model's value, saved and compared with it.
struct FoldProgress: Sendable, Equatable {
    /// Global position of the last event applied (nil before any).
    var position: UInt64?
    /// When the last event applied was stored.
    var lastCreated: Date?
    /// Events applied.
    var eventCount = 0
    /// The event the fold stopped at, and why; nil while every event was sound.
    var fault: EventFault?

    /// The bank event the read model is to check and fold for `event`, or nil when there is
    /// none: the fold has stopped at a fault; `event` is at or before `position` (a
    /// redelivery); it is not one the read models fold (`classify`: then only `position`
    /// advances); or it is a bank event that does not decode (then the fold stops at it).
    /// - Parameter known: the event already decoded, so it is not decoded again.
    mutating func admit(_ event: RecordedEvent, decoded known: BankEvent?) -> BankEvent? {
        guard fault == nil else { return nil }
        if let position, event.position <= position { return nil }
        switch Self.classify(event, decoded: known) {
        case .passOver:
            advance(to: event)
            return nil
        case .fault(let found):
            fault = found
            return nil
        case .bank(let decoded):
            return decoded
        }
    }

    /// Records `event` as applied.
    mutating func advance(to event: RecordedEvent) {
        position = event.position
        lastCreated = event.created
        eventCount += 1
    }

    /// Stops the fold at `event`, which cannot follow what the read model holds.
    mutating func stop(at event: RecordedEvent, _ reason: FaultReason) {
        fault = EventFault(event, reason)
    }

    /// What a read model does with a recorded event.
    enum Classified {
        /// Not the bank's, or not a stream the read models fold: it only advances the position.
        case passOver
        /// A bank event that does not decode.
        case fault(EventFault)
        case bank(BankEvent)
    }

    /// Sorts `event` for a read model: events that are not the bank's (system events, other
    /// streams, a bank event type on a stream outside the bank's categories), input from outside
    /// that the models do not fold (the schemes' messages — a poison message there is the
    /// processors' to park — and the sanctions snapshots) and unknown types pass over.
    static func classify(_ event: RecordedEvent, decoded known: BankEvent?) -> Classified {
        switch BankCategory(streamName: event.stream) {
        case nil, .scheme?, .sanctionsSnapshots?, .operators?, .settings?, .scheduledPayments?:
            return .passOver
        case .accounts?, .ledger?, .payments?, .sanctionedNames?:
            break
        }
        if let known { return .bank(known) }
        do throws(BankEvent.DecodingFailure) {
            return .bank(try BankEvent.decode(event))
        } catch {
            switch error {
            case .unknownType: return .passOver
            case .malformed(_, let reason): return .fault(EventFault(event, .undecodable(reason)))
            }
        }
    }
}
