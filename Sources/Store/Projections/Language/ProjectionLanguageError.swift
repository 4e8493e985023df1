/// A place in a projection's source text, from 1. Made only by the projection language itself
/// (its memberwise initialiser); other modules read it from an error.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    /// `LINE:COL`.
    public var description: String { "\(line):\(column)" }
}

/// Why a projection's text was refused before it ran: a syntax or check error at a place.
public struct ProjectionLanguageError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// `LINE:COL: message`; a file name goes in front (`held.proj:3:7: …`).
    public var description: String { "\(location): \(message)" }
}

/// Why evaluating a projection over one event failed (a type error, an overflow): it faults
/// the projection at that event.
public struct ProjectionEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// `line 5:7: cannot compare string with number`.
    public var description: String { "line \(location): \(message)" }
}
