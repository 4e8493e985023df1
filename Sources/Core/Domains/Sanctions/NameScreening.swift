import Foundation

/// What the payment processors need from sanctions screening: the matches at or above the
/// threshold for the names of a payment. The Sanctions domain provides it.
public protocol NameScreening: Sendable {
    /// The score at or above which a match holds a payment.
    var threshold: Double { get }
    /// The list entries each name matches, strongest first; empty when nothing matches.
    func screen(_ names: [(role: ScreeningMatch.Role, name: String)]) -> [ScreeningMatch]
    /// The same screening holding at `threshold` (0...1) instead: cheap, it shares the list's
    /// index (a supervisor's `ScreeningThresholdSet` applies from the next payment).
    func holding(at threshold: Double) -> any NameScreening
}
