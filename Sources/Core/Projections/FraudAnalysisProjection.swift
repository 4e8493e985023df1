import Store

/// The fraud analysis "introduced later": registered on a store with history, it starts at
/// position 0 and processes every validated inbound payment ever recorded, then follows live.
///
/// One partition per destination account (`401234-12345678`), each a `FraudAnalysis` of that
/// account alone: the rules look at one account at a time, and each partition's state is
/// bounded (see `FraudAnalysis`), so no stored state grows with history or with the number of
/// accounts. An event that does not decode goes to partition `""`, where `apply` faults.
public struct FraudAnalysisProjection: Projection {
    public typealias State = FraudAnalysis

    public static let name = "fraud-analysis"

    public let rules: FraudAnalysis.Rules

    public init(rules: FraudAnalysis.Rules = FraudAnalysis.Rules()) { self.rules = rules }

    public var name: String { Self.name }
    public var source: ProjectionSource { .eventTypes([InboundPaymentValidated.eventType]) }
    public var initialState: FraudAnalysis { FraudAnalysis(rules: rules) }

    /// The destination account of a validated payment, as `SORTCODE-ACCOUNT`.
    public func partition(of event: RecordedEvent) -> String? {
        // Not swallowed: an event that does not decode goes to "" and `apply` throws its error.
        guard case .inboundPaymentValidated(let payment)? = try? BankEvent.decode(event) else { return nil }
        return Self.partition(payment.account)
    }

    /// The partition of an account: `401234-12345678`.
    public static func partition(_ account: AccountID) -> String {
        "\(account.sortCode.digits)-\(account.accountNumber.digits)"
    }

    /// Folds a validated inbound payment; a malformed one faults the projection with the reason.
    public func apply(_ state: inout FraudAnalysis, _ event: RecordedEvent) throws {
        guard case .inboundPaymentValidated(let payment) = try BankEvent.decode(event) else { return }
        state.apply(payment, event)
    }
}
