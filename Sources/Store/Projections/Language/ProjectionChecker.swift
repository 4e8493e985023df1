/// Checks a parsed projection before it runs: names, arities and the types it can tell from
/// the text alone (a literal, a function's result), with the line and column of the first
/// problem. What only an event can tell (a field that holds a string where a number was
/// meant) is checked as each event is folded, and faults the projection there.
enum ProjectionChecker {
    /// What the checker knows of an expression's type; `unknown` for event fields.
    enum StaticType: Equatable {
        case unknown, null, boolean, number, string

        var name: String {
            switch self {
            case .unknown: "unknown"
            case .null: "null"
            case .boolean: "boolean"
            case .number: "number"
            case .string: "string"
            }
        }
    }

    /// Functions: name → (arity, result type). `coalesce` takes two or more.
    static let functions: [String: (arity: ClosedRange<Int>, result: StaticType)] = [
        "pence": (1...1, .number),
        "number": (1...1, .number),
        "string": (1...1, .string),
        "hour": (1...1, .string),
        "day": (1...1, .string),
        "coalesce": (2...8, .unknown),
    ]

    /// The fields of `event.`.
    static let eventFields: [String: StaticType] = [
        "type": .string, "stream": .string, "position": .number, "version": .number, "created": .string,
    ]

    static func check(_ program: ProjectionSyntax) throws(ProjectionLanguageError) {
        var remembered: Set<String> = []
        for handler in program.handlers {
            if case .remember(let bindings) = handler.action {
                var names: Set<String> = []
                for binding in bindings where !names.insert(binding.name).inserted {
                    throw ProjectionLanguageError("'\(binding.name)' is remembered twice in this handler", at: binding.location)
                }
                remembered.formUnion(names)
            }
        }
        var aggregateKinds: [String: (ProjectionSyntax.AggregateKind, SourceLocation)] = [:]
        for handler in program.handlers {
            if let types = handler.types {
                var seen: Set<String> = []
                for type in types where !seen.insert(type).inserted {
                    throw ProjectionLanguageError("event type \(type) is named twice", at: handler.location)
                }
            }
            if let condition = handler.condition {
                let type = try check(condition, remembered)
                if type != .unknown && type != .boolean {
                    throw ProjectionLanguageError("'where' needs a true/false condition, not a \(type.name)", at: condition.location)
                }
            }
            switch handler.action {
            case .forget:
                break
            case .remember(let bindings):
                if bindings.isEmpty { throw ProjectionLanguageError("remember { } needs at least one 'VALUE as NAME'", at: handler.location) }
                for binding in bindings { _ = try check(binding.value, remembered) }
            case .aggregate(let keys, let aggregates):
                if aggregates.isEmpty { throw ProjectionLanguageError("{ } needs at least one of count, sum, min, max, last", at: handler.location) }
                for key in keys {
                    let type = try check(key, remembered)
                    if ![.unknown, .string, .number].contains(type) {
                        throw ProjectionLanguageError("groupBy needs a string or a number, not a \(type.name)", at: key.location)
                    }
                }
                var names: Set<String> = []
                for aggregate in aggregates {
                    if !names.insert(aggregate.name).inserted {
                        throw ProjectionLanguageError("'\(aggregate.name)' is defined twice in this handler", at: aggregate.location)
                    }
                    if aggregate.name == TextProjectionState.rememberedKey {
                        throw ProjectionLanguageError("'\(aggregate.name)' is reserved", at: aggregate.location)
                    }
                    if let (kind, location) = aggregateKinds[aggregate.name], kind != aggregate.kind {
                        throw ProjectionLanguageError("'\(aggregate.name)' is a \(kind.rawValue) at \(location): one name, one kind of aggregate", at: aggregate.location)
                    }
                    aggregateKinds[aggregate.name] = (aggregate.kind, aggregate.location)
                    guard let argument = aggregate.argument else { continue }
                    let type = try check(argument, remembered)
                    switch aggregate.kind {
                    case .sum where ![.unknown, .number].contains(type):
                        throw ProjectionLanguageError("sum needs a number, not a \(type.name)", at: argument.location)
                    case .min where ![.unknown, .number, .string].contains(type), .max where ![.unknown, .number, .string].contains(type):
                        throw ProjectionLanguageError("\(aggregate.kind.rawValue) needs a number or a string, not a \(type.name)", at: argument.location)
                    default: break
                    }
                }
            }
        }
    }

    /// The type of `expression` as far as the text tells, checking names and operand types.
    static func check(_ expression: Expression, _ remembered: Set<String>) throws(ProjectionLanguageError) -> StaticType {
        switch expression {
        case .literal(let value, _):
            switch value {
            case .null: return .null
            case .bool: return .boolean
            case .int, .double: return .number
            case .string: return .string
            case .array, .object: return .unknown
            }
        case .path(let root, let fields, let location):
            switch root {
            case .data, .metadata:
                return .unknown
            case .remembered:
                guard fields.count == 1 else {
                    throw ProjectionLanguageError("remembered takes one name: remembered.NAME", at: location)
                }
                guard remembered.contains(fields[0]) else {
                    let known = remembered.sorted().joined(separator: ", ")
                    throw ProjectionLanguageError("nothing remembers '\(fields[0])'" + (known.isEmpty ? "" : " (remembered: \(known))"), at: location)
                }
                return .unknown
            case .event:
                let names = eventFields.keys.sorted().joined(separator: ", ")
                guard fields.count == 1, let type = eventFields[fields[0]] else {
                    throw ProjectionLanguageError("event has the fields \(names): event.NAME", at: location)
                }
                return type
            }
        case .call(let name, let arguments, let location):
            guard let function = functions[name] else {
                let known = functions.keys.sorted().joined(separator: ", ")
                throw ProjectionLanguageError("unknown function '\(name)' (functions: \(known))", at: location)
            }
            guard function.arity.contains(arguments.count) else {
                let wanted = function.arity.count == 1 ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) or more"
                throw ProjectionLanguageError("\(name) takes \(wanted) argument\(function.arity.upperBound == 1 ? "" : "s"), not \(arguments.count)", at: location)
            }
            var types: [StaticType] = []
            for argument in arguments { types.append(try check(argument, remembered)) }
            if ["pence", "number"].contains(name), ![.unknown, .number, .string].contains(types[0]) {
                throw ProjectionLanguageError("\(name) needs a number or a string, not a \(types[0].name)", at: arguments[0].location)
            }
            if ["hour", "day"].contains(name), ![.unknown, .string].contains(types[0]) {
                throw ProjectionLanguageError("\(name) needs an ISO 8601 time as a string, not a \(types[0].name)", at: arguments[0].location)
            }
            return function.result
        case .not(let inner, _):
            let type = try check(inner, remembered)
            if type != .unknown && type != .boolean {
                throw ProjectionLanguageError("'not' needs true or false, not a \(type.name)", at: inner.location)
            }
            return .boolean
        case .negate(let inner, _):
            let type = try check(inner, remembered)
            if type != .unknown && type != .number {
                throw ProjectionLanguageError("'-' needs a number, not a \(type.name)", at: inner.location)
            }
            return .number
        case .binary(let op, let left, let right, let location):
            let l = try check(left, remembered), r = try check(right, remembered)
            switch op {
            case .and, .or:
                for (type, side) in [(l, left), (r, right)] where type != .unknown && type != .boolean {
                    throw ProjectionLanguageError("'\(op.rawValue)' needs true or false, not a \(type.name)", at: side.location)
                }
                return .boolean
            case .equal, .notEqual:
                return .boolean
            case .less, .lessOrEqual, .greater, .greaterOrEqual:
                for (type, side) in [(l, left), (r, right)] where ![.unknown, .number, .string].contains(type) {
                    throw ProjectionLanguageError("'\(op.rawValue)' compares numbers or strings, not a \(type.name)", at: side.location)
                }
                if l != .unknown, r != .unknown, l != r {
                    throw ProjectionLanguageError("'\(op.rawValue)' cannot compare a \(l.name) with a \(r.name)", at: location)
                }
                return .boolean
            case .add, .subtract, .multiply, .divide:
                for (type, side) in [(l, left), (r, right)] where type != .unknown && type != .number {
                    throw ProjectionLanguageError("'\(op.rawValue)' needs numbers, not a \(type.name)", at: side.location)
                }
                return .number
            }
        }
    }
}
