import Foundation

/// Why an event breaks the bank's invariants (see `EventFault`, which adds where it is).
public enum FaultReason: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bank event type whose data does not decode (e.g. an amount beyond `Money.max`).
    case undecodable(String)
    /// A ledger entry whose `balanceAfter` is not the previous balance plus its amount.
    case balanceDoesNotFollow(previous: Money, amount: Money, recorded: Money)
    /// A ledger entry that takes the balance beyond ±`Money.max`.
    case balanceOutOfRange(previous: Money, amount: Money)
    /// A payment event that cannot follow the payment's current step (e.g. a release of a
    /// payment that is not held). `step` is nil when the payment has not started.
    case unexpectedStep(event: String, step: String?)

    public var description: String {
        switch self {
        case .undecodable(let reason):
            "it does not decode: \(reason)"
        case let .balanceDoesNotFollow(previous, amount, recorded):
            "balanceAfter \(recorded.decimalString) does not follow from the balance \(previous.decimalString) and the amount \(amount.decimalString)"
        case let .balanceOutOfRange(previous, amount):
            "the balance \(previous.decimalString) and the amount \(amount.decimalString) go beyond \(Money.max.decimalString)"
        case let .unexpectedStep(event, step):
            "\(event) cannot follow a payment that is \(step ?? "not started")"
        }
    }
}
