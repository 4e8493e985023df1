import Foundation
import Store

/// A deterministic, realistic history of the bank, built directly as recorded events.
///
/// Accounts are opened with opening balances and a sanctions list is loaded; then payments
/// flow: inbound payments settle, are returned (malformed or unknown account), are held and
/// released or rejected, or fail on a blocked account; outbound payments are sent and
/// accepted, reversed, or fail for insufficient funds; now and then an account is blocked,
/// unblocked or closed and a sanctioned name added or removed (with a snapshot every 50
/// changes). A few accounts receive bursts of just-under-threshold amounts, for the fraud
/// projection to find. The same seed gives the same events, byte for byte.
///
/// Used by tests and `bank-bench`; the bank itself never calls it.
public struct SyntheticBankHistory {
    /// Accounts opened at the start.
    public var accounts = 200
    /// Sanctioned entries loaded at the start.
    public var sanctionedEntries = 50
    /// Seconds between consecutive payments.
    public var secondsBetweenPayments = 0.5
    public var seed: UInt64
    public var start = Date(timeIntervalSince1970: 1_780_000_000)

    public init(seed: UInt64) { self.seed = seed }

    /// The accounts the history opens, in order (deterministic for `accounts`).
    public func accountIDs() -> [AccountID] {
        (0..<accounts).map { index in
            // Force-unwrap: both texts are six and eight digits by construction.
            AccountID(sortCode: SortCode("40" + padded(index / 1000 % 10_000, 4))!,
                      accountNumber: AccountNumber(padded(10_000_000 + index % 90_000_000, 8))!)
        }
    }

    /// Events until the log holds at least `eventCount` events (it finishes the payment in flight).
    public func generate(eventCount: Int) throws -> [RecordedEvent] {
        var builder = Builder(history: self)
        try builder.run(until: eventCount)
        return builder.log.events
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

private let firstNames = ["Alice", "Bernard", "Chloe", "Dmitri", "Eleanor", "Farid", "Grace", "Hamish", "Ines", "Jamal",
                          "Katarzyna", "Liam", "Maya", "Niall", "Olufemi", "Priya", "Quentin", "Rosa", "Sanjay", "Tamsin",
                          "Ugo", "Vera", "Wen", "Xavier", "Yusuf", "Zofia"]
private let lastNames = ["Abbott", "Brennan", "Castillo", "Dunmore", "Ekwueme", "Fairley", "Gallagher", "Hartigan",
                         "Iqbal", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Pellegrini",
                         "Quayle", "Rasmussen", "Szabo", "Thornbury", "Underwood", "Varga", "Whitlock", "Yilmaz", "Zielinski"]

extension SyntheticBankHistory {
    struct Builder {
        let history: SyntheticBankHistory
        var log = RecordedEventLog()
        var random: SplitMix64
        var now: Date
        var accounts: [AccountID] = []
        var holders: [AccountID: String] = [:]
        var balances: [AccountID: Money] = [:]
        var status: [AccountID: AccountStatus] = [:] {
            didSet { openAccounts = accounts.filter { status[$0] == .open } }
        }
        /// Accounts open now, in opening order (recomputed only when a status changes).
        var openAccounts: [AccountID] = []
        var sanctioned: [SanctionedEntry] = []
        var sanctionsChanges = 0
        var sanctionsAdded = 0

        init(history: SyntheticBankHistory) {
            self.history = history
            random = SplitMix64(seed: history.seed)
            now = history.start
        }

        mutating func uuid() -> UUID {
            let a = random.next(), b = random.next()
            return withUnsafeBytes(of: (a, b)) { raw in
                var bytes = Array(raw)
                bytes[6] = bytes[6] & 0x0F | 0x40
                bytes[8] = bytes[8] & 0x3F | 0x80
                return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            }
        }

        mutating func name() -> String {
            "\(firstNames.randomElement(using: &random)!) \(lastNames.randomElement(using: &random)!)"
        }

        mutating func tick(_ seconds: Double) { now = now.addingTimeInterval(seconds) }

        mutating func post(_ account: AccountID, _ amount: Money, _ kind: LedgerEntryKind, _ payment: UUID?, _ text: String) throws -> Int64 {
            // Synthetic balances stay far inside Money's range.
            let balance = Money(pence: balances[account, default: .zero].pence + amount.pence)
            balances[account] = balance
            let event = try log.append(LedgerEntryPosted(account: account, amount: amount, balanceAfter: balance, kind: kind,
                                                         paymentId: payment, description: text),
                                       to: .ledger(account), at: now, id: uuid(), correlationId: payment?.uuidString.lowercased())
            return event.version
        }

        mutating func run(until eventCount: Int) throws {
            for id in history.accountIDs() {
                let holder = name()
                accounts.append(id)
                holders[id] = holder
                status[id] = .open
                try log.append(AccountOpened(account: id, holder: holder), to: .account(id), at: now, id: uuid())
                _ = try post(id, Money(pence: Int64.random(in: 10_000...5_000_000, using: &random)), .openingBalance, nil, "Opening balance")
            }
            for index in 0..<history.sanctionedEntries { try addSanctioned(index) }
            var paymentNumber = 0
            while log.events.count < eventCount {
                paymentNumber += 1
                tick(history.secondsBetweenPayments)
                let roll = Int.random(in: 0..<1000, using: &random)
                switch roll {
                case 0..<3: try changeAccountStatus()
                case 3..<5: try changeSanctions()
                case 5..<20: try structuringBurst()
                case 20..<780: try inbound(outcome: .settle)
                case 780..<820: try inbound(outcome: .returned)
                case 820..<840: try inbound(outcome: .heldReleased)
                case 840..<850: try inbound(outcome: .heldRejected)
                case 850..<870: try inbound(outcome: .failedBlocked)
                default: try outbound()
                }
            }
        }

        mutating func addSanctioned(_ index: Int) throws {
            sanctionsAdded += 1
            let nextEntry = sanctionsAdded
            let entry = SanctionedEntry(entryId: "SN-" + padded(nextEntry, 4), name: name(),
                                        aliases: Bool.random(using: &random) ? [name()] : [])
            sanctioned.append(entry)
            try log.append(SanctionedNameAdded(entry: entry, by: "seed"), to: .sanctionedNames, at: now, id: uuid())
            try sanctionsChanged()
        }

        mutating func sanctionsChanged() throws {
            sanctionsChanges += 1
            if sanctionsChanges % 50 == 0, let version = log.lastVersion(of: BankStream.sanctionedNames.name) {
                try log.append(SanctionsListSnapshotTaken(version: version, entries: sanctioned), to: .sanctionsSnapshots, at: now, id: uuid())
            }
        }

        mutating func changeSanctions() throws {
            if sanctioned.count > 10 && Bool.random(using: &random) {
                let entry = sanctioned.remove(at: Int.random(in: 0..<sanctioned.count, using: &random))
                try log.append(SanctionedNameRemoved(entryId: entry.entryId, name: entry.name, by: "operator:compliance"),
                               to: .sanctionedNames, at: now, id: uuid())
                try sanctionsChanged()
            } else {
                try addSanctioned(sanctioned.count)
            }
        }

        mutating func changeAccountStatus() throws {
            let account = accounts.randomElement(using: &random)!
            switch status[account] {
            case .open:
                status[account] = .blocked
                try log.append(AccountBlocked(account: account, reason: "suspicious activity", by: "operator:ops"), to: .account(account), at: now, id: uuid())
            case .blocked:
                if Bool.random(using: &random) {
                    status[account] = .open
                    try log.append(AccountUnblocked(account: account, reason: "cleared", by: "operator:ops"), to: .account(account), at: now, id: uuid())
                } else {
                    status[account] = .closed
                    try log.append(AccountClosed(account: account, reason: "customer request", by: "operator:ops"), to: .account(account), at: now, id: uuid())
                }
            default:
                break
            }
        }

        enum InboundOutcome { case settle, returned, heldReleased, heldRejected, failedBlocked }

        /// Several just-under-£10,000 payments to one account within minutes.
        mutating func structuringBurst() throws {
            let account = accounts[Int.random(in: 0..<min(accounts.count, 10), using: &random)]
            for _ in 0..<Int.random(in: 3...6, using: &random) {
                let amount = Money(pence: Int64.random(in: 990_000...999_999, using: &random))
                try inbound(outcome: .settle, to: account, amount: amount)
                tick(20)
            }
        }

        mutating func inbound(outcome: InboundOutcome, to target: AccountID? = nil, amount fixed: Money? = nil) throws {
            var outcome = outcome
            var account = target ?? openAccounts.randomElement(using: &random) ?? accounts[0]
            if outcome == .failedBlocked {
                guard let blocked = accounts.first(where: { status[$0] != .open }) else { return try inbound(outcome: .settle) }
                account = blocked
            } else if status[account] != .open {
                outcome = .failedBlocked
            }
            let id = uuid()
            let correlation = id.uuidString.lowercased()
            let stream = BankStream.payment(.inbound, id)
            let amount = fixed ?? Money(pence: Int64.random(in: 100...250_000, using: &random))
            let scheme = Scheme.allCases.randomElement(using: &random)!
            let holder = holders[account]!
            var from = PaymentParty(sortCode: "20\(Int.random(in: 1000...9999, using: &random))", accountNumber: "\(Int.random(in: 10_000_000...99_999_999, using: &random))", name: name())
            let to = PaymentParty(account, name: holder)
            if outcome == .heldReleased || outcome == .heldRejected, let entry = sanctioned.randomElement(using: &random) {
                from.name = entry.name
            }
            let amountText = outcome == .returned && Bool.random(using: &random) ? amount.decimalString + "5" : amount.decimalString
            try log.append(InboundPaymentSentByScheme(paymentId: id, scheme: scheme, amount: amountText, from: from, to: to, reference: "INV \(id.uuidString.prefix(6))"),
                           to: .scheme(scheme), at: now, id: uuid(), correlationId: correlation)
            try log.append(InboundPaymentReceived(paymentId: id, scheme: scheme, amount: amountText, from: from, to: to, reference: "INV \(id.uuidString.prefix(6))"),
                           to: stream, at: now, id: uuid(), correlationId: correlation)
            tick(0.01)
            if outcome == .returned {
                try log.append(InboundPaymentReturned(paymentId: id, reason: PaymentFailure(code: .invalidPayment, detail: "amount has more than 2 decimal places or unknown account")),
                               to: stream, at: now, id: uuid(), correlationId: correlation)
                return
            }
            try log.append(InboundPaymentValidated(paymentId: id, amount: amount, account: account, accountHolder: holder), to: stream, at: now, id: uuid(), correlationId: correlation)
            tick(0.01)
            var released = false
            if outcome == .heldReleased || outcome == .heldRejected {
                let match = ScreeningMatch(role: .originator, name: from.name, matched: from.name, entryId: "SN-0001", entryName: from.name, score: 1)
                try log.append(InboundPaymentHeld(paymentId: id, matches: [match], threshold: 0.85), to: stream, at: now, id: uuid(), correlationId: correlation)
                tick(30)
                let decision = OperatorDecision(by: "operator:compliance", at: now, reason: outcome == .heldReleased ? "false positive" : "confirmed match")
                if outcome == .heldRejected {
                    try log.append(InboundHeldPaymentRejected(paymentId: id, decision: decision), to: stream, at: now, id: uuid(), correlationId: correlation)
                    try log.append(InboundPaymentFailed(paymentId: id, reason: PaymentFailure(code: .sanctionsRejected, detail: "confirmed match")), to: stream, at: now, id: uuid(), correlationId: correlation)
                    return
                }
                try log.append(InboundHeldPaymentReleased(paymentId: id, decision: decision), to: stream, at: now, id: uuid(), correlationId: correlation)
                released = true
            }
            try log.append(InboundPaymentSanctionsChecked(paymentId: id, released: released), to: stream, at: now, id: uuid(), correlationId: correlation)
            tick(0.01)
            if outcome == .failedBlocked {
                let code: PaymentFailure.Code = status[account] == .closed ? .accountClosed : .accountBlocked
                try log.append(InboundPaymentFailed(paymentId: id, reason: PaymentFailure(code: code, detail: "account is \(status[account]!.rawValue)")), to: stream, at: now, id: uuid(), correlationId: correlation)
                return
            }
            try log.append(InboundPaymentAccountStatusChecked(paymentId: id, account: account), to: stream, at: now, id: uuid(), correlationId: correlation)
            let version = try post(account, amount, .inboundPayment, id, "From \(from.name)")
            try log.append(InboundPaymentBalanceUpdated(paymentId: id, account: account, amount: amount, balanceAfter: balances[account]!, ledgerVersion: version),
                           to: stream, at: now, id: uuid(), correlationId: correlation)
        }

        mutating func outbound() throws {
            guard let account = openAccounts.randomElement(using: &random) else { return }
            let id = uuid()
            let correlation = id.uuidString.lowercased()
            let stream = BankStream.payment(.outbound, id)
            let amount = Money(pence: Int64.random(in: 100...400_000, using: &random))
            let scheme = Scheme.allCases.randomElement(using: &random)!
            let to = PaymentParty(sortCode: "30\(Int.random(in: 1000...9999, using: &random))", accountNumber: "\(Int.random(in: 10_000_000...99_999_999, using: &random))", name: name())
            try log.append(OutboundPaymentRequested(paymentId: id, scheme: scheme, from: account, amount: amount.decimalString, to: to, reference: "Rent", requestedBy: "operator:desk"),
                           to: stream, at: now, id: uuid(), correlationId: correlation)
            try log.append(OutboundPaymentValidated(paymentId: id, amount: amount, accountHolder: holders[account]!), to: stream, at: now, id: uuid(), correlationId: correlation)
            try log.append(OutboundPaymentSanctionsChecked(paymentId: id, released: false), to: stream, at: now, id: uuid(), correlationId: correlation)
            tick(0.01)
            let available = balances[account, default: .zero]
            guard available >= amount else {
                try log.append(OutboundPaymentFailed(paymentId: id, reason: PaymentFailure(code: .insufficientFunds, detail: "available \(available)")), to: stream, at: now, id: uuid(), correlationId: correlation)
                return
            }
            try log.append(OutboundPaymentAccountStatusChecked(paymentId: id, available: available), to: stream, at: now, id: uuid(), correlationId: correlation)
            let version = try post(account, -amount, .outboundPayment, id, "To \(to.name)")
            try log.append(OutboundPaymentSentToScheme(paymentId: id, scheme: scheme, ledgerVersion: version), to: stream, at: now, id: uuid(), correlationId: correlation)
            tick(0.2)
            if Int.random(in: 0..<20, using: &random) == 0 {
                try log.append(OutboundPaymentRejectedByScheme(paymentId: id, scheme: scheme, reason: "beneficiary account closed"), to: .scheme(scheme), at: now, id: uuid(), correlationId: correlation)
                let reversal = try post(account, amount, .reversal, id, "Reversal: beneficiary account closed")
                try log.append(OutboundPaymentReversed(paymentId: id, reason: "beneficiary account closed", ledgerVersion: reversal), to: stream, at: now, id: uuid(), correlationId: correlation)
            } else {
                try log.append(OutboundPaymentAcceptedByScheme(paymentId: id, scheme: scheme), to: .scheme(scheme), at: now, id: uuid(), correlationId: correlation)
                try log.append(OutboundPaymentAccepted(paymentId: id), to: stream, at: now, id: uuid(), correlationId: correlation)
            }
        }
    }
}
