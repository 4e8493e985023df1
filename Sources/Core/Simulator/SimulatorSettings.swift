/// The kinds of inbound payment the simulator sends.
public enum SimulatedKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Well formed, to an open account, no sanctioned names: settles.
    case valid
    /// Malformed or to an unknown account: returned.
    case invalid
    /// An originator name on (or close to) the sanctions list: held.
    case sanctioned
    /// To a blocked or closed account: fails.
    case blockedOrClosed
    /// A message processors cannot decode: retried, then parked.
    case poison
}

/// How the simulator behaves; change it while it runs.
public struct SimulatorSettings: Sendable, Hashable, Codable {
    /// Inbound payments per second while running.
    public var ratePerSecond: Double
    /// Relative weights of each kind (need not sum to 100).
    public var mix: [SimulatedKind: Int]
    /// Percentage of outbound payments the scheme rejects.
    public var schemeRejectPercent: Int

    public init(ratePerSecond: Double = 5, mix: [SimulatedKind: Int] = SimulatorSettings.defaultMix, schemeRejectPercent: Int = 10) {
        self.ratePerSecond = ratePerSecond
        self.mix = mix
        self.schemeRejectPercent = schemeRejectPercent
    }

    /// Mostly valid, a few of every other kind.
    public static let defaultMix: [SimulatedKind: Int] = [.valid: 85, .invalid: 5, .sanctioned: 4, .blockedOrClosed: 4, .poison: 2]

    /// Only valid payments (the benchmark's flood).
    public static let validOnly: [SimulatedKind: Int] = [.valid: 1]

    /// Picks a kind by the weights with a draw in `0..<totalWeight`.
    func kind(forDraw draw: Int) -> SimulatedKind {
        var remaining = draw
        for kind in SimulatedKind.allCases {
            let weight = max(0, mix[kind] ?? 0)
            if remaining < weight { return kind }
            remaining -= weight
        }
        return .valid
    }

    var totalWeight: Int { SimulatedKind.allCases.reduce(0) { $0 + max(0, mix[$1] ?? 0) } }
}
