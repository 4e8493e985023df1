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

    // MARK: - Folding

    /// Folds the aggregates into the object at `path` below `object`, mutating in place.
    private static func fold(_ aggregates: [Aggregate], into object: inout [String: ProjectionValue], path: ArraySlice<String>,
                             _ frame: Frame) throws(ProjectionEvaluationError) {
        guard let key = path.first else {
            for aggregate in aggregates { try fold(aggregate, into: &object, frame) }
            return
        }
        // Taken out, so the nested dictionary is uniquely referenced while it changes.
        var members: [String: ProjectionValue]
        switch object.removeValue(forKey: key) {
        case nil: members = [:]
        case .object(let existing)?: members = existing
        case let other?:
            object[key] = other
            throw ProjectionEvaluationError("the group \"\(key)\" would replace the aggregate \(key) (\(other.excerpt))", at: aggregates[0].location)
        }
        do {
            try fold(aggregates, into: &members, path: path.dropFirst(), frame)
        } catch {
            object[key] = .object(members)
            throw error
        }
        object[key] = .object(members)
    }

    private static func fold(_ aggregate: Aggregate, into object: inout [String: ProjectionValue], _ frame: Frame) throws(ProjectionEvaluationError) {
        let current = object[aggregate.name]
        let value = try aggregate.argument?(frame) ?? .null
        do throws(ProjectionOperations.Failure) {
            switch (aggregate.kind, current) {
            case (_, .object?):
                throw ProjectionOperations.Failure("\(aggregate.name) is already a group here, so it cannot be an aggregate")
            case (.count, nil):
                object[aggregate.name] = .int(1)
            case (.count, .int(let count)?):
                object[aggregate.name] = .int(count &+ 1)
            case (.count, let other?):
                throw ProjectionOperations.Failure("count \(aggregate.name) holds \(other.excerpt), not a number")
            case (.sum, nil):
                guard value.asDouble != nil else { throw ProjectionOperations.Failure("sum needs a number, not \(value.typeName) \(value.excerpt)") }
                object[aggregate.name] = value
            case (.sum, let total?):
                object[aggregate.name] = try ProjectionOperations.arithmetic(.add, total, value)
            case (.min, nil), (.max, nil):
                switch value {
                case .int, .double, .string: object[aggregate.name] = value
                default: throw ProjectionOperations.Failure("\(aggregate.kind.rawValue) needs a number or a string, not \(value.typeName) \(value.excerpt)")
                }
            case (.min, let best?):
                if try ProjectionOperations.order(value, best) < 0 { object[aggregate.name] = value }
            case (.max, let best?):
                if try ProjectionOperations.order(value, best) > 0 { object[aggregate.name] = value }
            case (.last, _):
                object[aggregate.name] = value
            }
        } catch {
            throw ProjectionEvaluationError(error.message, at: aggregate.location)
        }
    }

    // MARK: - Building closures

    /// Turns expressions into closures, registering the fields they read.
    private struct Builder {
        var data = EventJSONScanner()
        var metadata = EventJSONScanner()
        var usesRemembered = false

        mutating func handler(_ handler: ProjectionSyntax.Handler) -> Handler {
            let condition = handler.condition.map { (expression($0), $0.location) }
            let action: Action
            switch handler.action {
            case .forget:
                usesRemembered = true
                action = .forget
            case .remember(let bindings):
                usesRemembered = true
                action = .remember(bindings.map { (expression($0.value), $0.name) })
            case .aggregate(let keys, let aggregates):
                action = .aggregate(keys: keys.map { (expression($0), $0.location) },
                                    aggregates: aggregates.map { Aggregate(kind: $0.kind, argument: $0.argument.map { expression($0) }, name: $0.name, location: $0.location) })
            }
            return Handler(condition: condition, action: action)
        }

        mutating func expression(_ expression: Expression) -> Evaluate {
            switch expression {
            case .literal(let value, _):
                return { _ in value }
            case .path(.data, let fields, _):
                let slot = data.slot(for: fields)
                return { $0.values[slot] }
            case .path(.metadata, let fields, _):
                let slot = metadata.slot(for: fields)
                return { $0.metadata[slot] }
            case .path(.remembered, let fields, _):
                usesRemembered = true
                let name = fields[0]
                return { $0.remembered?[name] ?? .null }
            case .path(.event, let fields, _):
                switch fields[0] {
                case "type": return { .string($0.event.type) }
                case "stream": return { .string($0.event.stream) }
                case "position": return { .int(Int64(clamping: $0.event.position)) }
                case "version": return { .int($0.event.version) }
                default: return { .string($0.created) }
                }
            case .call(let name, let arguments, let location):
                let compiled = arguments.map { self.expression($0) }
                return Self.call(name, compiled, location)
            case .not(let inner, let location):
                let operand = self.expression(inner)
                return { frame throws(ProjectionEvaluationError) in
                    guard case .bool(let flag) = try operand(frame) else {
                        throw ProjectionEvaluationError("'not' needs true or false", at: location)
                    }
                    return .bool(!flag)
                }
            case .negate(let inner, let location):
                let operand = self.expression(inner)
                return { frame throws(ProjectionEvaluationError) in
                    let value = try operand(frame)
                    do throws(ProjectionOperations.Failure) {
                        return try ProjectionOperations.arithmetic(.subtract, .int(0), value)
                    } catch {
                        throw ProjectionEvaluationError(error.message, at: location)
                    }
                }
            case .binary(let op, let left, let right, let location):
                let l = self.expression(left), r = self.expression(right)
                return Self.binary(op, l, r, location)
            }
        }

        static func binary(_ op: Expression.Operator, _ l: @escaping Evaluate, _ r: @escaping Evaluate, _ location: SourceLocation) -> Evaluate {
            switch op {
            case .and, .or:
                let stopsAt = op == .or
                return { frame throws(ProjectionEvaluationError) in
                    guard case .bool(let first) = try l(frame) else {
                        throw ProjectionEvaluationError("'\(op.rawValue)' needs true or false on its left", at: location)
                    }
                    if first == stopsAt { return .bool(first) }
                    guard case .bool(let second) = try r(frame) else {
                        throw ProjectionEvaluationError("'\(op.rawValue)' needs true or false on its right", at: location)
                    }
                    return .bool(second)
                }
            case .equal:
                return { frame throws(ProjectionEvaluationError) in .bool(ProjectionOperations.equal(try l(frame), try r(frame))) }
            case .notEqual:
                return { frame throws(ProjectionEvaluationError) in .bool(!ProjectionOperations.equal(try l(frame), try r(frame))) }
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                return { frame throws(ProjectionEvaluationError) in
                    let a = try l(frame), b = try r(frame)
                    // The common case, two integers, without the general comparison.
                    if case .int(let x) = a, case .int(let y) = b {
                        switch op {
                        case .less: return .bool(x < y)
                        case .lessOrEqual: return .bool(x <= y)
                        case .greater: return .bool(x > y)
                        default: return .bool(x >= y)
                        }
                    }
                    do throws(ProjectionOperations.Failure) {
                        let order = try ProjectionOperations.order(a, b)
                        switch op {
                        case .less: return .bool(order < 0)
                        case .lessOrEqual: return .bool(order <= 0)
                        case .greater: return .bool(order > 0)
                        default: return .bool(order >= 0)
                        }
                    } catch {
                        throw ProjectionEvaluationError(error.message, at: location)
                    }
                }
            case .add, .subtract, .multiply, .divide:
                return { frame throws(ProjectionEvaluationError) in
                    let a = try l(frame), b = try r(frame)
                    do throws(ProjectionOperations.Failure) {
                        return try ProjectionOperations.arithmetic(op, a, b)
                    } catch {
                        throw ProjectionEvaluationError(error.message, at: location)
                    }
                }
            }
        }

        static func call(_ name: String, _ arguments: [Evaluate], _ location: SourceLocation) -> Evaluate {
            if name == "coalesce" {
                return { frame throws(ProjectionEvaluationError) in
                    for argument in arguments {
                        let value = try argument(frame)
                        if value != .null { return value }
                    }
                    return .null
                }
            }
            let argument = arguments[0]
            let function: @Sendable (ProjectionValue) throws(ProjectionOperations.Failure) -> ProjectionValue = switch name {
            case "pence": { value throws(ProjectionOperations.Failure) in try ProjectionOperations.pence(value) }
            case "number": { value throws(ProjectionOperations.Failure) in try ProjectionOperations.number(value) }
            case "string": { value throws(ProjectionOperations.Failure) in try ProjectionOperations.string(value) }
            case "hour": { value throws(ProjectionOperations.Failure) in try ProjectionOperations.truncatedTime(value, length: 13, name: "hour") }
            default: { value throws(ProjectionOperations.Failure) in try ProjectionOperations.truncatedTime(value, length: 10, name: "day") }
            }
            return { frame throws(ProjectionEvaluationError) in
                let value = try argument(frame)
                do throws(ProjectionOperations.Failure) {
                    return try function(value)
                } catch {
                    throw ProjectionEvaluationError(error.message, at: location)
                }
            }
        }
    }
}
