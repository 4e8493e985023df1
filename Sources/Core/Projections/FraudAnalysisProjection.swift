import Store

/// The fraud analysis "introduced later": registered on a store with history, it starts at
/// position 0 and processes every validated inbound payment ever recorded, then follows live.
/// One partition (`""`) holding the whole `FraudAnalysis`.
public struct FraudAnalysisProjection: Projection {
    public typealias State = FraudAnalysis

    public static let name = "fraud-analysis"

    public let rules: FraudAnalysis.Rules

    public init(rules: FraudAnalysis.Rules = FraudAnalysis.Rules()) { self.rules = rules }

    public var name: String { Self.name }
    public var source: ProjectionSource { .eventTypes([InboundPaymentValidated.eventType]) }
    public var initialState: FraudAnalysis { FraudAnalysis(rules: rules) }

    /// Folds a validated inbound payment; a malformed one faults the projection with the reason.
    public func apply(_ state: inout FraudAnalysis, _ event: RecordedEvent) throws {
        guard case .inboundPaymentValidated(let payment) = try BankEvent.decode(event) else { return }
        state.apply(payment, event)
    }
}
