extension CompiledProjection {
    /// Turns expressions into closures, registering the fields they read.
    struct Builder {
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
