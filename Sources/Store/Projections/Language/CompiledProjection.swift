import Foundation

/// A checked projection program turned into closures once: per event it picks the handlers
/// by type (events of other types cost a dictionary lookup), reads the fields the program
/// names from the event's JSON in one pass, and folds them into the state. Never re-parses.
struct CompiledProjection: Sendable {
    /// What one event is evaluated against: the values of the fields read from it.
    final class Frame {
        /// The data's fields, by slot.
        var values: [ProjectionValue]
        /// The metadata's fields, by slot.
        var metadata: [ProjectionValue]
        let event: RecordedEvent
        var remembered: [String: ProjectionValue]?
        lazy var created: String = ProjectionOperations.timestamp(event.created)

        init(event: RecordedEvent, dataSlots: Int, metadataSlots: Int) {
            self.event = event
            values = Array(repeating: .null, count: dataSlots)
            metadata = metadataSlots == 0 ? [] : Array(repeating: .null, count: metadataSlots)
        }
    }

    typealias Evaluate = @Sendable (Frame) throws(ProjectionEvaluationError) -> ProjectionValue

    struct Aggregate: Sendable {
        var kind: ProjectionSyntax.AggregateKind
        var argument: Evaluate?
        var name: String
        var location: SourceLocation
    }

    enum Action: Sendable {
        case aggregate(keys: [(Evaluate, SourceLocation)], aggregates: [Aggregate])
        case remember([(Evaluate, String)])
        case forget
    }

    struct Handler: Sendable {
        var condition: (Evaluate, SourceLocation)?
        var action: Action
    }

    let source: ProjectionSource
    /// Only events of these streams (for `fromStreams` with several).
    let streams: Set<String>?
    private let byType: [String: [Handler]]
    private let anyType: [Handler]
    private let data: EventJSONScanner
    private let metadata: EventJSONScanner
    private let usesRemembered: Bool

    init(_ syntax: ProjectionSyntax) throws(ProjectionLanguageError) {
        try ProjectionChecker.check(syntax)
        var builder = Builder()
        var byType: [String: [Handler]] = [:]
        var anyType: [Handler] = []
        var types: Set<String> = []
        for handler in syntax.handlers {
            let compiled = builder.handler(handler)
            if let names = handler.types {
                types.formUnion(names)
                for name in names { byType[name, default: []].append(compiled) }
            } else {
                anyType.append(compiled)
            }
        }
        // An `any` handler also runs for events that have handlers of their own, after them.
        if !anyType.isEmpty { for name in byType.keys { byType[name]?.append(contentsOf: anyType) } }
        builder.data.seal()
        builder.metadata.seal()
        self.byType = byType
        self.anyType = anyType
        data = builder.data
        metadata = builder.metadata
        usesRemembered = builder.usesRemembered
        let everyType = anyType.isEmpty
        switch syntax.source {
        case .all:
            source = everyType ? .eventTypes(types) : .all
            streams = nil
        case .category(let category):
            source = .category(category)
            streams = nil
        case .streams(let names) where names.count == 1:
            source = .stream(names[0])
            streams = nil
        case .streams(let names):
            source = everyType ? .eventTypes(types) : .all
            streams = Set(names)
        }
    }

    /// Folds one event into `state`; a type error (or JSON that cannot be read) throws.
    func apply(_ state: inout TextProjectionState, _ event: RecordedEvent) throws(ProjectionEvaluationError) {
        let handlers = byType[event.type] ?? anyType
        if handlers.isEmpty { return }
        if let streams, !streams.contains(event.stream) { return }
        let frame = Frame(event: event, dataSlots: data.slotCount, metadataSlots: metadata.slotCount)
        if !data.isEmpty {
            let scanned = event.data.withUnsafeBytes { bytes in
                Result { () throws(JSONScanError) in try data.scan(bytes, into: &frame.values, offset: 0) }
            }
            if case .failure(let error) = scanned {
                throw ProjectionEvaluationError("the event's data is not JSON (\(error.reason) at byte \(error.offset))", at: SourceLocation(line: 1, column: 1))
            }
        }
        if !metadata.isEmpty {
            let scanned = event.metadata.withUnsafeBytes { bytes in
                Result { () throws(JSONScanError) in try metadata.scan(bytes, into: &frame.metadata, offset: 0) }
            }
            if case .failure(let error) = scanned {
                throw ProjectionEvaluationError("the event's metadata is not JSON (\(error.reason) at byte \(error.offset))", at: SourceLocation(line: 1, column: 1))
            }
        }
        if usesRemembered { frame.remembered = state.remembered[event.stream] }
        for handler in handlers {
            if let (condition, location) = handler.condition {
                switch try condition(frame) {
                case .bool(true): break
                case .bool(false): continue
                case let other: throw ProjectionEvaluationError("'where' needs true or false, not \(other.typeName) \(other.excerpt)", at: location)
                }
            }
            switch handler.action {
            case .forget:
                state.remembered[event.stream] = nil
                frame.remembered = nil
            case .remember(let bindings):
                var values = frame.remembered ?? [:]
                for (value, name) in bindings { values[name] = try value(frame) }
                state.remembered[event.stream] = values
                frame.remembered = values
            case .aggregate(let keys, let aggregates):
                var path: [String] = []
                path.reserveCapacity(keys.count)
                for (key, location) in keys {
                    let value = try key(frame)
                    do throws(ProjectionOperations.Failure) {
                        path.append(try ProjectionOperations.key(value))
                    } catch {
                        throw ProjectionEvaluationError(error.message, at: location)
                    }
                }
                if let first = path.first, first == TextProjectionState.rememberedKey, let (_, location) = keys.first {
                    throw ProjectionEvaluationError("the group \(first) is reserved", at: location)
                }
                try Self.fold(aggregates, into: &state.result, path: path[...], frame)
            }
        }
    }
}
