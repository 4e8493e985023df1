/// The state of a projection written in the projection language: a JSON object of its
/// aggregates (nested by `groupBy` keys), plus what `remember` keeps for streams in flight.
///
/// Encodes as that object, with what is remembered under `"$remembered"` (by stream) while
/// anything is: the stored state is what `projection NAME` prints.
public struct TextProjectionState: Sendable, Hashable, Codable {
    /// The member the remembered values are kept under.
    public static let rememberedKey = "$remembered"

    /// The aggregates: `{"held": 3}` or, grouped, `{"40-12-34": {"held": 3}}`.
    public var result: [String: ProjectionValue] = [:]
    /// What `remember` keeps, by stream; `forget` drops a stream's.
    public var remembered: [String: [String: ProjectionValue]] = [:]

    public init(result: [String: ProjectionValue] = [:], remembered: [String: [String: ProjectionValue]] = [:]) {
        self.result = result
        self.remembered = remembered
    }

    /// The whole state as one JSON value, as it is stored.
    public var value: ProjectionValue {
        var members = result
        if !remembered.isEmpty { members[Self.rememberedKey] = .object(remembered.mapValues { .object($0) }) }
        return .object(members)
    }

    public init(from decoder: any Decoder) throws {
        var members = try decoder.singleValueContainer().decode([String: ProjectionValue].self)
        if case .object(let streams)? = members.removeValue(forKey: Self.rememberedKey) {
            for (stream, value) in streams {
                if case .object(let values) = value { remembered[stream] = values }
            }
        }
        result = members
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
