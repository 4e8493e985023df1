import Foundation
import Store

/// Why a processor could not handle an input.
public enum ProcessingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input is a bank event type whose data does not decode: retry cannot help; park it.
    case poison(eventId: UUID, type: String, reason: String)
    /// The store refused or failed.
    case store(EventStoreError)
    /// The stream kept moving under the processor.
    case tooManyConflicts(stream: String)
    /// An event the processor read cannot be trusted: it stops rather than act on it (the
    /// input is retried, then parked with this reason).
    case fault(EventFault)
    /// An event the processor decided on does not encode: retry cannot help; park the input.
    case unencodable(BankCodec.EncodingFailure)

    /// A view's failure as a processing error.
    public init(_ error: ViewError) {
        switch error {
        case .store(let error): self = .store(error)
        case .fault(let fault): self = .fault(fault)
        }
    }

    public var description: String {
        switch self {
        case let .poison(id, type, reason): "cannot decode \(type) \(id.lowercasedString): \(reason)"
        case let .store(error): error.description
        case let .tooManyConflicts(stream): "\(stream) kept changing; giving up this delivery"
        case let .fault(fault): fault.description
        case let .unencodable(failure): failure.description
        }
    }
}

/// What handling one input did.
public enum StepOutcome: Sendable, Hashable {
    /// The decision was appended (or had been already: the store dropped the duplicate).
    case appended(stream: String, AppendResult)
    /// Nothing to do: not for this processor, or its step was already taken.
    case nothing
}

/// Handles one input with one processor: decode, decide, append with derived ids; on a wrong
/// expected version (the stream moved, e.g. a competing consumer took the step) re-read and
/// decide again, so a duplicate never has a second effect.
public enum ProcessorStep {
    /// Attempts before giving up on a stream that keeps moving.
    static let maxAttempts = 16

    public static func handle(_ input: RecordedEvent, with processor: any Processor, writer: DomainWriter) async throws(ProcessingError) -> StepOutcome {
        guard let event = try decode(input, for: processor) else { return .nothing }
        for _ in 0..<maxAttempts {
            guard let (decision, events) = try prepare(input, event, with: processor, writer: writer) else { return .nothing }
            do {
                let head = writer.store.headPosition
                let result = try await writer.append(to: decision.stream, expected: decision.expected, events: events)
                appended(decision, result, headBefore: head, by: processor)
                return .appended(stream: decision.stream.name, result)
            } catch .wrongExpectedVersion {
                processor.views.forget(decision.stream)
                continue
            } catch {
                throw .store(error)
            }
        }
        throw .tooManyConflicts(stream: input.stream)
    }

    /// The bank event `input` holds when `processor` has anything to do with it; nil when not
    /// (another type, a cheap look says no, or a type this build does not know); `.poison`
    /// when its bytes do not decode.
    /// - Parameter known: the event already looked up in `views.decoded`, when the caller did.
    static func decode(_ input: RecordedEvent, for processor: any Processor, known: BankEvent? = nil) throws(ProcessingError) -> BankEvent? {
        // A bank event type outside the bank's streams is not the bank's event: nothing to do.
        guard processor.inputTypes.contains(input.type), BankCategory(streamName: input.stream) != nil, processor.accepts(input) else { return nil }
        if let known { return known }
        do {
            return try processor.views.decoded.decode(input)
        } catch {
            switch error {
            case .unknownType: return nil
            case .malformed(let type, let reason): throw .poison(eventId: input.id, type: type, reason: reason)
            }
        }
    }

    /// Decides against the current state and turns the decision into the events to append (ids
    /// derived from the input's, metadata added); nil when there is nothing to do.
    static func prepare(_ input: RecordedEvent, _ event: BankEvent, with processor: any Processor,
                        writer: DomainWriter) throws(ProcessingError) -> (Decision, [EventData])? {
        guard let decision = try decision(input, event, with: processor) else { return nil }
        return (decision, try events(of: decision, causedBy: input.id, by: processor, writer: writer))
    }

    /// The processor's decision for one input (nil: nothing to do).
    static func decision(_ input: RecordedEvent, _ event: BankEvent, with processor: any Processor) throws(ProcessingError) -> Decision? {
        do { return try processor.decide(input, event) } catch { throw ProcessingError(error) }
    }

    /// The events a decision appends, with ids derived from the input's and metadata; each
    /// carries its decoded event as the store attachment, so whoever reads it next from the
    /// store's tail need not decode it. Personal fields `writer` seals are sealed here, so each
    /// such event is encoded once.
    static func events(of decision: Decision, causedBy input: UUID, by processor: any Processor,
                       writer: DomainWriter) throws(ProcessingError) -> [EventData] {
        do {
            return try writer.eventData(of: decision, causedBy: input, actor: processor.identity.description)
        } catch {
            throw .unencodable(error)
        }
    }

    /// Tells the processor's views about a decision the store accepted.
    static func appended(_ decision: Decision, _ result: AppendResult, headBefore head: UInt64, by processor: any Processor) {
        // New events land at or after the head seen before; earlier ones were a duplicate's,
        // whose bytes the memo must read rather than assume (it was behind the stream).
        if result.firstPosition >= head {
            processor.views.record(decision, result)
        } else {
            processor.views.forget(decision.stream)
        }
    }
}
