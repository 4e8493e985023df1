import Foundation

/// Where a projection reads its events from.
public enum ProjectionSource: Sendable, Hashable, CustomStringConvertible {
    /// One stream.
    case stream(String)
    /// Every stream of a category (`$ce-{category}`).
    case category(String)
    /// Events of these types from every user stream, in `$all` order.
    case eventTypes(Set<String>)
    /// Every user event (the store's own `$` streams are skipped).
    case all

    /// The target read, and whether events must be filtered out of `$all`.
    var target: ReadTarget {
        switch self {
        case .stream(let name): .stream(name)
        case .category(let category): .category(category)
        case .eventTypes, .all: .all
        }
    }

    public var description: String {
        switch self {
        case .stream(let name): name
        case .category(let category): "$ce-" + category
        case .eventTypes(let types): "$et-{" + types.sorted().joined(separator: ",") + "}"
        case .all: StreamNames.all
        }
    }
}

/// A continuous projection written in Swift: a fold of the events of a source into a state per
/// partition, run in the background by `Projections` from the beginning of time or from its
/// checkpoint.
///
/// `apply` must be deterministic (no clock, no randomness): a `reset` rebuilds the state by
/// running it again over all history and must reach the same result. Throwing from `apply`
/// faults the projection (never the process) and reports the error and the event.
public protocol Projection: Sendable {
    /// What the state of each partition is; stored as JSON in the checkpoints.
    associatedtype State: Codable & Sendable

    /// Unique among registered projections; part of its stream names, so no control characters.
    var name: String { get }
    var source: ProjectionSource { get }
    /// The state of a partition before its first event.
    var initialState: State { get }

    /// The partition an event belongs to; nil for the single unnamed partition `""`.
    /// The default puts every event in `""`.
    func partition(of event: RecordedEvent) -> String?

    /// Folds one event into its partition's state.
    func apply(_ state: inout State, _ event: RecordedEvent) throws
}

extension Projection {
    public func partition(of event: RecordedEvent) -> String? { nil }
}

/// How a `HandlerProjection` splits events into partitions.
public enum ProjectionPartitioning: Sendable {
    /// One partition, `""`.
    case none
    /// One partition per source stream, named after it.
    case byStream
    /// A partition chosen by the function (nil means `""`).
    case custom(@Sendable (RecordedEvent) -> String?)
}

/// A projection assembled from one handler per event type; events of other types are ignored.
///
/// ```swift
/// let counts = HandlerProjection(name: "payment-counts", source: .category("Payment"), initialState: 0)
///     .when("PaymentReceived") { count, _ in count += 1 }
/// ```
public struct HandlerProjection<State: Codable & Sendable>: Projection {
    public typealias Handler = @Sendable (inout State, RecordedEvent) throws -> Void

    public let name: String
    public let source: ProjectionSource
    public let initialState: State
    public let partitioning: ProjectionPartitioning
    private var handlers: [String: Handler] = [:]

    public init(name: String, source: ProjectionSource, initialState: State, partitioning: ProjectionPartitioning = .none) {
        self.name = name
        self.source = source
        self.initialState = initialState
        self.partitioning = partitioning
    }

    /// This projection with `handler` for events of `type` (replacing an earlier one).
    public func when(_ type: String, _ handler: @escaping Handler) -> HandlerProjection {
        var copy = self
        copy.handlers[type] = handler
        return copy
    }

    /// The event types it handles.
    public var handledTypes: Set<String> { Set(handlers.keys) }

    public func partition(of event: RecordedEvent) -> String? {
        switch partitioning {
        case .none: nil
        case .byStream: event.stream
        case .custom(let choose): choose(event)
        }
    }

    public func apply(_ state: inout State, _ event: RecordedEvent) throws {
        try handlers[event.type]?(&state, event)
    }
}
