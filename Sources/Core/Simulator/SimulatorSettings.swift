/// The kinds of inbound payment the simulator sends.
public enum SimulatedKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Well formed, to an open account, no sanctioned names: settles. Salaries, transfers,
    /// customers paying a business (`SimulatedFlows`).
    case valid
    /// A customer's own payment out of an open account (a bill, a card settlement, rent, a
    /// business's supplier): an outbound payment, sized to what the balance bears.
    case outgoing
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

    /// A plausible day (weights per 1,000): money in and out in about equal measure, and a few
    /// of every other path; half a percent from names on the sanctions list (and its
    /// near-variants), so holds are as rare as in life.
    public static let defaultMix: [SimulatedKind: Int] = [.valid: 520, .outgoing: 440, .invalid: 15, .sanctioned: 5, .blockedOrClosed: 15, .poison: 5]

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
