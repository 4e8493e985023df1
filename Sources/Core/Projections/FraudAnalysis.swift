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
/// Times are the events' stored times (at whole milliseconds), so the result does not depend on
/// when it runs. A pure fold; each event costs O(payments kept for its account). It keeps only
/// what the rules can still use, and at most `maxEvidence` of each per account: payments of the
/// last `velocityWindow`, just-under-threshold payments of the last `structuringWindow`, and
/// `maxEvidence` payments of evidence per flag. So its state is bounded by the number of
/// accounts, whatever the length of history or the rate; `FraudAnalysisProjection` keeps one
/// per account.
///
/// As JSON: objects, times as ISO 8601 text (`ISO8601Milliseconds`), ids in lower case.
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

    /// The payments kept for one account, as JSON.
    struct AccountPayments: Codable {
        var account: AccountID
        var payments: [Evidence]
    }

    /// Evidence kept per flag, and payments kept per account for each rule.
    public static let maxEvidence = 50

    public let rules: Rules
    /// Inbound payments per account within `velocityWindow` of the latest.
    private var recent: [AccountID: [Evidence]] = [:]
    /// Just-under-threshold inbound payments per account within `structuringWindow`.
    private var recentUnder: [AccountID: [Evidence]] = [:]
    /// Flags by account and rule.
    public private(set) var flags: [AccountID: [Rule: Flag]] = [:]
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
    /// One that does not decode throws (and changes nothing): the fold stops there, it never
    /// skips an event it cannot read.
    public mutating func apply(_ event: RecordedEvent) throws {
        if let position, event.position <= position { return }
        guard event.type == InboundPaymentValidated.eventType else {
            position = event.position
            return
        }
        guard case .inboundPaymentValidated(let validated) = try BankEvent.decode(event) else { return }
        apply(validated, event)
    }

    /// Folds one validated inbound payment recorded as `recorded`.
    public mutating func apply(_ payment: InboundPaymentValidated, _ recorded: RecordedEvent) {
        position = max(position ?? 0, recorded.position)
        let now = ISO8601Milliseconds.truncated(recorded.created)
        let evidence = Evidence(paymentId: payment.paymentId, amount: payment.amount, at: now, position: recorded.position)
        let fast = Self.window(recent[payment.account, default: []], adding: evidence, within: rules.velocityWindow, of: now)
        recent[payment.account] = fast
        if fast.count >= rules.velocityCount {
            raise(.velocity, on: payment.account, evidence: fast, at: now, recorded: recorded,
                  summary: "\(fast.count) inbound payments within \(Int(rules.velocityWindow / 60)) minutes")
        }
        guard rules.isJustUnderThreshold(payment.amount) else { return }
        let under = Self.window(recentUnder[payment.account, default: []], adding: evidence, within: rules.structuringWindow, of: now)
        recentUnder[payment.account] = under
        if under.count >= rules.structuringCount {
            raise(.structuring, on: payment.account, evidence: under, at: now, recorded: recorded,
                  summary: "\(under.count) inbound payments just under a reporting threshold within \(Int(rules.structuringWindow / 3600)) hours")
        }
    }

    /// `evidence` added to the payments of `kept` still within `window` of `now`, the newest
    /// `maxEvidence` of them: what one rule counts.
    private static func window(_ kept: [Evidence], adding evidence: Evidence, within window: TimeInterval, of now: Date) -> [Evidence] {
        var inWindow = kept.filter { now.timeIntervalSince($0.at) <= window }
        inWindow.append(evidence)
        return newest(inWindow)
    }

    /// The newest `maxEvidence` of `evidence` (oldest first).
    private static func newest(_ evidence: [Evidence]) -> [Evidence] {
        evidence.count > maxEvidence ? Array(evidence.suffix(maxEvidence)) : evidence
    }

    private mutating func raise(_ rule: Rule, on account: AccountID, evidence: [Evidence], at now: Date, recorded: RecordedEvent, summary: String) {
        if var flag = flags[account]?[rule] {
            let known = Set(flag.evidence.map(\.paymentId))
            flag.evidence.append(contentsOf: evidence.filter { !known.contains($0.paymentId) })
            flag.evidence = Self.newest(flag.evidence)
            flag.summary = summary
            flags[account, default: [:]][rule] = flag
        } else {
            flags[account, default: [:]][rule] = Flag(account: account, rule: rule, flaggedAt: now,
                                                      flaggedPosition: recorded.position, evidence: evidence, summary: summary)
        }
    }
}

// MARK: - JSON

extension FraudAnalysis {
    enum CodingKeys: String, CodingKey { case rules, position, recent, recentUnder, flags }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rules: try container.decode(Rules.self, forKey: .rules))
        position = try container.decodeIfPresent(UInt64.self, forKey: .position)
        for entry in try container.decode([AccountPayments].self, forKey: .recent) { recent[entry.account] = entry.payments }
        for entry in try container.decode([AccountPayments].self, forKey: .recentUnder) { recentUnder[entry.account] = entry.payments }
        for flag in try container.decode([Flag].self, forKey: .flags) { flags[flag.account, default: [:]][flag.rule] = flag }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules, forKey: .rules)
        try container.encode(position, forKey: .position)
        try container.encode(recent.keys.sorted().map { AccountPayments(account: $0, payments: recent[$0] ?? []) }, forKey: .recent)
        try container.encode(recentUnder.keys.sorted().map { AccountPayments(account: $0, payments: recentUnder[$0] ?? []) }, forKey: .recentUnder)
        try container.encode(allFlags, forKey: .flags)
    }

    static func decodeTime<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = ISO8601Milliseconds.date(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an ISO 8601 time with milliseconds: \(text)")
        }
        return date
    }

    static func decodeID<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> UUID {
        let text = try container.decode(String.self, forKey: key)
        guard let id = UUID(uuidString: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not a UUID: \(text)")
        }
        return id
    }
}

// Evidence and flags have their coding in extensions, so their memberwise initializers are
// synthesized.

/// Evidence is stored with its id lower-cased and its time to the millisecond.
extension FraudAnalysis.Evidence {
    enum CodingKeys: String, CodingKey { case paymentId, amount, at, position }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        paymentId = try FraudAnalysis.decodeID(container, .paymentId)
        amount = try container.decode(Money.self, forKey: .amount)
        at = try FraudAnalysis.decodeTime(container, .at)
        position = try container.decode(UInt64.self, forKey: .position)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(paymentId.lowercasedString, forKey: .paymentId)
        try container.encode(amount, forKey: .amount)
        try container.encode(ISO8601Milliseconds.string(at), forKey: .at)
        try container.encode(position, forKey: .position)
    }
}

/// A flag is stored with its time to the millisecond.
extension FraudAnalysis.Flag {
    enum CodingKeys: String, CodingKey { case account, rule, flaggedAt, flaggedPosition, evidence, summary }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        account = try container.decode(AccountID.self, forKey: .account)
        rule = try container.decode(FraudAnalysis.Rule.self, forKey: .rule)
        flaggedAt = try FraudAnalysis.decodeTime(container, .flaggedAt)
        flaggedPosition = try container.decode(UInt64.self, forKey: .flaggedPosition)
        evidence = try container.decode([FraudAnalysis.Evidence].self, forKey: .evidence)
        summary = try container.decode(String.self, forKey: .summary)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(account, forKey: .account)
        try container.encode(rule, forKey: .rule)
        try container.encode(ISO8601Milliseconds.string(flaggedAt), forKey: .flaggedAt)
        try container.encode(flaggedPosition, forKey: .flaggedPosition)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(summary, forKey: .summary)
    }
}
