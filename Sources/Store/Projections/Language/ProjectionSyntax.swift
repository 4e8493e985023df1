/// A parsed projection program, before it is checked and compiled.
///
/// ```
/// fromCategory("Payments")
/// when InboundPaymentReceived
/// groupBy data.scheme {
///   count() as payments
/// }
/// ```
struct ProjectionSyntax: Sendable, Hashable {
    enum Source: Sendable, Hashable {
        case all
        case category(String)
        case streams([String])
    }

    /// What a handler does with an event that passes its `where`.
    enum Action: Sendable, Hashable {
        /// Folds aggregates into the state, under the groups' keys.
        case aggregate(groupBy: [Expression], aggregates: [Aggregate])
        /// Keeps values for the event's stream, read later as `remembered.NAME`.
        case remember([Binding])
        /// Drops what was remembered for the event's stream.
        case forget
    }

    struct Handler: Sendable, Hashable {
        /// Event types it handles; nil for `any`.
        var types: [String]?
        var condition: Expression?
        var action: Action
        var location: SourceLocation
    }

    enum AggregateKind: String, Sendable, Hashable, CaseIterable {
        case count, sum, min, max, last
    }

    struct Aggregate: Sendable, Hashable {
        var kind: AggregateKind
        /// nil for `count()`.
        var argument: Expression?
        var name: String
        var location: SourceLocation
    }

    struct Binding: Sendable, Hashable {
        var value: Expression
        var name: String
        var location: SourceLocation
    }

    var source: Source
    var sourceLocation: SourceLocation
    var handlers: [Handler]
}

/// An expression of the projection language.
indirect enum Expression: Sendable, Hashable {
    enum Root: String, Sendable, Hashable {
        case data, metadata, remembered, event
    }

    enum Operator: String, Sendable, Hashable {
        case or, and, equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case add = "+", subtract = "-", multiply = "*", divide = "/"
    }

    case literal(ProjectionValue, SourceLocation)
    /// `data.a.b`, `metadata.x`, `remembered.name`, `event.type`.
    case path(Root, [String], SourceLocation)
    case call(String, [Expression], SourceLocation)
    case not(Expression, SourceLocation)
    case negate(Expression, SourceLocation)
    case binary(Operator, Expression, Expression, SourceLocation)

    var location: SourceLocation {
        switch self {
        case .literal(_, let location), .path(_, _, let location), .call(_, _, let location), .not(_, let location),
             .negate(_, let location), .binary(_, _, _, let location):
            location
        }
    }
}
