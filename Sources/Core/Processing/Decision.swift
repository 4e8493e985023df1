import Foundation
import Store

/// An event a decider wants written, before it has an id: the runner derives the id from the
/// input event's id and `step`, and adds `$correlationId`/`$causationId` metadata.
public struct PendingEvent: Sendable, Hashable {
    /// Names the output among the outputs of one input; part of the derived id.
    public var step: String
    public var type: String
    /// The event's data, or why it does not encode (reported when it is to be written).
    public var data: Result<Data, BankCodec.EncodingFailure>
    /// The payment id for payment events.
    public var correlationId: String
    /// The event itself.
    public var event: BankEvent

    public init<E: BankEventType>(_ event: E, step: String, correlationId: String) {
        self.step = step
        self.type = E.eventType
        self.data = Result { () throws(BankCodec.EncodingFailure) in try BankCodec.encode(event) }
        self.correlationId = correlationId
        self.event = event.wrapped
    }

    /// The `EventData` written for this output of `input`, written by `actor`.
    public func eventData(causedBy input: UUID, actor: String) throws(BankCodec.EncodingFailure) -> EventData {
        EventData(id: DerivedEventID.make(from: input, step: step), type: type, data: try data.get(),
                  metadata: BankCodec.encodeFast(correlationId: correlationId, causedBy: input, actor: actor),
                  attachment: AttachedBankEvent(event))
    }

    /// The `EventData` written for this output of an operator's command `input`: the metadata
    /// also records the operator's `origin`.
    public func eventData(causedBy input: UUID, actor: String, origin: OperatorOrigin) throws(BankCodec.EncodingFailure) -> EventData {
        let metadata = EventMetadata(correlationId: correlationId, causationId: input.lowercasedString, actor: actor, origin: origin)
        return EventData(id: DerivedEventID.make(from: input, step: step), type: type, data: try data.get(),
                         metadata: try BankCodec.encode(metadata), attachment: AttachedBankEvent(event))
    }
}

/// What a decider decided: events to append to one stream at an expected version.
///
/// A decider that has nothing to do (the step was already taken, the input is not for it)
/// returns no decision; the runner then just acknowledges the input.
public struct Decision: Sendable, Hashable {
    public var stream: BankStream
    public var expected: ExpectedVersion
    public var events: [PendingEvent]

    public init(stream: BankStream, expected: ExpectedVersion, events: [PendingEvent]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }

    /// `.exact(version)` after the stream's last version, `.noStream` when it has none.
    public static func after(_ version: Int64?) -> ExpectedVersion {
        version.map { .exact($0) } ?? .noStream
    }
}
