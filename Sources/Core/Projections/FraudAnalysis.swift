import Foundation
import Store

/// The fraud-analysis read model, "introduced later": run over all history from position 0,
/// it flags accounts with the evidence that tripped each rule.
///
/// Rules, over inbound payments as validated (amount and destination account known):
/// - **velocity**: at least `velocityCount` payments to one account within `velocityWindow`;
/// - **structuring**: at least `structuringCount` payments to one account within
///   `structuringWindow`, each just under a round reporting threshold (by default
///   £9,900.00–£9,999.99 under £10,000 and £4,990.00–£4,999.99 under £5,000).
///
/// Times are the events' stored times, so the result does not depend on when it runs. A pure
/// fold; each event costs O(payments in the window). It keeps only what the rules can still
/// use: payments of the last `velocityWindow`, and just-under-threshold payments of the last
/// `structuringWindow`, so its state stays small over any length of history.
public struct FraudAnalysis: Codable, Sendable, Hashable {
    /// The tunable limits.
    public struct Rules: Codable, Sendable, Hashable {
        public var velocityCount = 5
        public var velocityWindow: TimeInterval = 10 * 60
        public var structuringCount = 3
        public var structuringWindow: TimeInterval = 24 * 60 * 60
        /// Round thresholds and how far below them counts as "just under".
        public var thresholds: [Threshold] = [
            Threshold(threshold: Money(pence: 1_000_000), margin: Money(pence: 10_000)),
            Threshold(threshold: Money(pence: 500_000), margin: Money(pence: 1_000)),
        ]

        /// A round amount and the band below it.
        public struct Threshold: Codable, Sendable, Hashable {
            public var threshold: Money
            public var margin: Money

            public init(threshold: Money, margin: Money) {
                self.threshold = threshold
                self.margin = margin
            }
        }

        public init() {}

        /// True when `amount` is within a margin below one of the thresholds.
        public func isJustUnderThreshold(_ amount: Money) -> Bool {
            thresholds.contains { amount < $0.threshold && amount.pence >= $0.threshold.pence - $0.margin.pence }
        }
    }

    /// Which rule flagged an account.
    public enum Rule: String, Codable, Sendable, Hashable, CaseIterable {
        case velocity
        case structuring
    }

    /// One payment cited as evidence.
    public struct Evidence: Codable, Sendable, Hashable {
        public var paymentId: UUID
        public var amount: Money
        public var at: Date
        public var position: UInt64
    }

    /// An account flagged by a rule, with the payments that tripped it (and later ones that
    /// kept it tripped, at most `maxEvidence`).
    public struct Flag: Codable, Sendable, Hashable {
        public var account: AccountID
        public var rule: Rule
        /// When (stored time) and where in the log the rule first tripped.
        public var flaggedAt: Date
        public var flaggedPosition: UInt64
        public var evidence: [Evidence]
        /// A sentence for people, e.g. "6 inbound payments within 10 minutes".
        public var summary: String
    }

    /// Evidence kept per flag.
    public static let maxEvidence = 50

    public let rules: Rules
    /// Inbound payments per account within `velocityWindow` of the latest.
    private var recent: [AccountID: [Evidence]] = [:]
    /// Just-under-threshold inbound payments per account within `structuringWindow`.
    private var recentUnder: [AccountID: [Evidence]] = [:]
    /// Flags by account and rule.
    public private(set) var flags: [AccountID: [Rule: Flag]] = [:]
    /// Validated-payment events whose data did not decode (skipped, and counted here).
    public private(set) var malformedEvents = 0
    /// Global position of the last event folded.
    public private(set) var position: UInt64?

    public init(rules: Rules = Rules()) { self.rules = rules }

    /// Every flag, by account then rule.
    public var allFlags: [Flag] {
        flags.keys.sorted().flatMap { account in Rule.allCases.compactMap { flags[account]?[$0] } }
    }

    /// Accounts with at least one flag, sorted.
    public var flaggedAccounts: [AccountID] { flags.keys.sorted() }

    /// Folds a recorded event; only `InboundPaymentValidated` matters, the rest advance `position`.
    public mutating func apply(_ event: RecordedEvent) {
        if let position, event.position <= position { return }
        position = event.position
        guard event.type == InboundPaymentValidated.eventType else { return }
        do {
            if case .inboundPaymentValidated(let validated) = try BankEvent.decode(event) { apply(validated, event) }
        } catch {
            malformedEvents += 1
        }
    }

    /// Folds one validated inbound payment recorded as `recorded`.
    public mutating func apply(_ payment: InboundPaymentValidated, _ recorded: RecordedEvent) {
        position = max(position ?? 0, recorded.position)
        let now = recorded.created
        let evidence = Evidence(paymentId: payment.paymentId, amount: payment.amount, at: now, position: recorded.position)
        var fast = recent[payment.account, default: []].filter { now.timeIntervalSince($0.at) <= rules.velocityWindow }
        fast.append(evidence)
        recent[payment.account] = fast
        if fast.count >= rules.velocityCount {
            raise(.velocity, on: payment.account, evidence: fast, recorded: recorded,
                  summary: "\(fast.count) inbound payments within \(Int(rules.velocityWindow / 60)) minutes")
        }
        guard rules.isJustUnderThreshold(payment.amount) else { return }
        var under = recentUnder[payment.account, default: []].filter { now.timeIntervalSince($0.at) <= rules.structuringWindow }
        under.append(evidence)
        recentUnder[payment.account] = under
        if under.count >= rules.structuringCount {
            raise(.structuring, on: payment.account, evidence: under, recorded: recorded,
                  summary: "\(under.count) inbound payments just under a reporting threshold within \(Int(rules.structuringWindow / 3600)) hours")
        }
    }

    private mutating func raise(_ rule: Rule, on account: AccountID, evidence: [Evidence], recorded: RecordedEvent, summary: String) {
        if var flag = flags[account]?[rule] {
            let known = Set(flag.evidence.map(\.paymentId))
            flag.evidence.append(contentsOf: evidence.filter { !known.contains($0.paymentId) })
            if flag.evidence.count > Self.maxEvidence { flag.evidence.removeFirst(flag.evidence.count - Self.maxEvidence) }
            flag.summary = summary
            flags[account, default: [:]][rule] = flag
        } else {
            flags[account, default: [:]][rule] = Flag(account: account, rule: rule, flaggedAt: recorded.created,
                                                      flaggedPosition: recorded.position, evidence: evidence, summary: summary)
        }
    }
}
