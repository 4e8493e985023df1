extension CompiledProjection {
    // MARK: - Folding aggregates into the state

    /// Folds the aggregates into the object at `path` below `object`, mutating in place.
    static func fold(_ aggregates: [Aggregate], into object: inout [String: ProjectionValue], path: ArraySlice<String>,
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

    static func fold(_ aggregate: Aggregate, into object: inout [String: ProjectionValue], _ frame: Frame) throws(ProjectionEvaluationError) {
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
}
