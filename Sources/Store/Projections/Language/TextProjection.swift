/// A continuous projection written in the projection language rather than in Swift: parsed,
/// checked and compiled once, then run by `Projections` like any other (checkpoints, reset,
/// faults). A type error on an event faults it with the event's place and the line and
/// column of the expression.
///
/// The state is one partition (`""`): a `TextProjectionState`.
public struct TextProjection: Projection {
    public let name: String
    /// The program's text, as given.
    public let text: String
    private let program: CompiledProjection

    /// Parses, checks and compiles `text`; the first problem throws with its line and column.
    public init(name: String, text: String) throws(ProjectionLanguageError) {
        self.name = name
        self.text = text
        program = try CompiledProjection(try ProjectionParser.parse(text))
    }

    /// Checks `text` without keeping it (what `projections create` does before it writes).
    public static func check(_ text: String) throws(ProjectionLanguageError) {
        _ = try CompiledProjection(try ProjectionParser.parse(text))
    }

    public var source: ProjectionSource { program.source }
    public var initialState: TextProjectionState { TextProjectionState() }

    public func apply(_ state: inout TextProjectionState, _ event: RecordedEvent) throws {
        try program.apply(&state, event)
    }
}
