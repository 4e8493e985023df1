import Foundation
import Store

/// An event a decider wants written, before it has an id: the runner derives the id from the
/// input event's id and `step`, and adds `$correlationId`/`$causationId` metadata.
public struct PendingEvent: Sendable, Hashable {
    /// Names the output among the outputs of one input; part of the derived id.
    public var step: String
    public let type: String
    /// The payment id for payment events.
    public var correlationId: String
    /// The event itself.
    public let event: BankEvent
    /// Encodes `event` with its type's own codec; run only when the event is written in plain
    /// text, so one whose personal fields are sealed (`DomainWriter.eventData(of:causedBy:actor:)`)
    /// is encoded once, sealed.
    private let encoder: DeferredEncoding

    /// An event's encoding, deferred. Equal to every other: the data is a function of the event.
    private struct DeferredEncoding: Sendable, Hashable {
        let encode: @Sendable () -> Result<Data, BankCodec.EncodingFailure>

        static func == (_: DeferredEncoding, _: DeferredEncoding) -> Bool { true }
        func hash(into hasher: inout Hasher) {}
    }

    public init<E: BankEventType>(_ event: E, step: String, correlationId: String) {
        self.step = step
        self.type = E.eventType
        self.encoder = DeferredEncoding { Result { () throws(BankCodec.EncodingFailure) in try BankCodec.encode(event) } }
        self.correlationId = correlationId
        self.event = event.wrapped
    }

    /// The event's data, or why it does not encode (reported when it is to be written).
    public var data: Result<Data, BankCodec.EncodingFailure> { encoder.encode() }

    /// The `EventData` written for this output of `input`, written by `actor`.
    public func eventData(causedBy input: UUID, actor: String) throws(BankCodec.EncodingFailure) -> EventData {
        eventData(causedBy: input, actor: actor, data: try data.get(), sealed: false)
    }

    /// The `EventData` written for this output of `input` with `data` as its bytes: `sealed`
    /// says they hold the event with its personal fields sealed (so the append need not seal it).
    func eventData(causedBy input: UUID, actor: String, data: Data, sealed: Bool) -> EventData {
        EventData(id: DerivedEventID.make(from: input, step: step), type: type, data: data,
                  metadata: BankCodec.encodeFast(correlationId: correlationId, causedBy: input, actor: actor),
                  attachment: AttachedBankEvent(event, sealed: sealed), pinnedTo: event.pinnedPaymentStream?.name)
    }

    /// The `EventData` written for this output of an operator's command `input`: the metadata
    /// also records the operator's `origin`.
    public func eventData(causedBy input: UUID, actor: String, origin: OperatorOrigin) throws(BankCodec.EncodingFailure) -> EventData {
        let metadata = EventMetadata(correlationId: correlationId, causationId: input.lowercasedString, actor: actor, origin: origin)
        return EventData(id: DerivedEventID.make(from: input, step: step), type: type, data: try data.get(),
                         metadata: try BankCodec.encode(metadata), attachment: AttachedBankEvent(event), pinnedTo: event.pinnedPaymentStream?.name)
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
