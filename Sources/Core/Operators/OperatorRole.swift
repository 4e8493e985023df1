/// What an operator may do. Each role may do everything the one below it may.
///
/// - `viewer` reads only;
/// - `operator` releases and rejects held payments below the four-eyes threshold (and gives the
///   first approval above it), blocks and unblocks accounts and sends payments;
/// - `supervisor` does everything: second approvals, closing accounts, changing the sanctions
///   list and the settings, resetting projections, replaying parked messages, managing operators.
public enum OperatorRole: String, Codable, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case viewer
    case `operator`
    case supervisor

    public var description: String { rawValue }

    /// "a viewer", "an operator", "a supervisor".
    public var withArticle: String { self == .operator ? "an operator" : "a \(rawValue)" }

    private var rank: Int {
        switch self {
        case .viewer: 0
        case .operator: 1
        case .supervisor: 2
        }
    }

    public static func < (lhs: OperatorRole, rhs: OperatorRole) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role may do what `needed` may.
    public func covers(_ needed: OperatorRole) -> Bool { self >= needed }
}
