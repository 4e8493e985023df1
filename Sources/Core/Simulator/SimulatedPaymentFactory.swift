import Foundation
import Store

/// Makes the simulator's payments: a pure function of a generator and the bank as the
/// simulator sees it (accounts, their holders and balances, the sanctions list), so a seed
/// replays the same payments for the same bank.
///
/// Counterparties are ordinary UK people and companies (`SimulatedCounterparties`); amounts
/// follow `SimulatedFlows` (salaries in, bills, card settlements and rent out, businesses
/// larger), sized to the account's balance.
public struct SimulatedPaymentFactory: Sendable {
    /// What the factory knows of the bank.
    public struct Directory: Sendable, Hashable {
        public var open: [AccountID]
        public var blockedOrClosed: [AccountID]
        public var sanctioned: [SanctionedEntry]
        /// The open accounts' balances (missing: not read; a typical balance is assumed).
        public var balances: [AccountID: Money]
        /// The open accounts' holders (the beneficiary name an inbound payment carries).
        public var holders: [AccountID: String]

        public init(open: [AccountID], blockedOrClosed: [AccountID], sanctioned: [SanctionedEntry],
                    balances: [AccountID: Money] = [:], holders: [AccountID: String] = [:]) {
            self.open = open.sorted()
            self.blockedOrClosed = blockedOrClosed.sorted()
            self.sanctioned = sanctioned
            self.balances = balances
            self.holders = holders
        }

        func isBusiness(_ account: AccountID) -> Bool {
            holders[account].map(SimulatedFlows.isBusiness) ?? false
        }
    }

    /// A simulated message: a payment the scheme sends, a customer's payment out of their
    /// account, or a poison message's raw data.
    public enum Message: Sendable, Hashable {
        case payment(InboundPaymentSentByScheme)
        case outgoing(OutboundPaymentRequested)
        case poison(id: UUID, scheme: Scheme, data: Data)

        public var paymentId: UUID {
            switch self {
            case .payment(let payment): payment.paymentId
            case .outgoing(let request): request.paymentId
            case .poison(let id, _, _): id
            }
        }
    }

    /// Who asks for the customers' own payments out (bills, card settlements, rent).
    public static let customerChannel = "customer (simulated)"

    public init() {}

    /// The next message of `kind`.
    public func make(_ kind: SimulatedKind, rng: inout SplitMix64, directory: Directory) -> Message {
        let id = rng.uuid()
        let scheme = Scheme.allCases[Int(rng.next() % 3)]
        let fromSortCode = Self.digits(200_000 + rng.next() % 700_000, 6)
        let from = PaymentParty(sortCode: fromSortCode,
                                accountNumber: Self.validNumber(fromSortCode, from: Int(rng.next() % 100_000_000)),
                                name: SimulatedCounterparties.ordinary(&rng))
        func to(_ account: AccountID?) -> PaymentParty {
            PaymentParty(sortCode: account?.sortCode.digits ?? "401299",
                         accountNumber: account?.accountNumber.digits ?? Self.validNumber("401299", from: 99_999_999),
                         name: account.flatMap { directory.holders[$0] } ?? SimulatedCounterparties.ordinary(&rng, companies: false))
        }
        func pick(_ accounts: [AccountID]) -> AccountID? {
            accounts.isEmpty ? nil : accounts[Int(rng.next() % UInt64(accounts.count))]
        }
        func payment(_ from: PaymentParty, _ to: PaymentParty, amount: String, reference: String) -> Message {
            .payment(InboundPaymentSentByScheme(paymentId: id, scheme: scheme, amount: amount, from: from, to: to, reference: reference))
        }
        func incoming(_ account: AccountID?) -> (Money, String) {
            guard let account else { return SimulatedFlows.incoming(&rng, balance: nil, business: false) }
            return SimulatedFlows.incoming(&rng, balance: directory.balances[account], business: directory.isBusiness(account))
        }

        switch kind {
        case .valid:
            let account = pick(directory.open)
            let (amount, reference) = incoming(account)
            return payment(from, to(account), amount: amount.decimalString, reference: reference)
        case .outgoing:
            let account = pick(directory.open)
            if let account, let flow = SimulatedFlows.outgoing(
                &rng, balance: directory.balances[account], business: directory.isBusiness(account)) {
                let (amount, reference) = flow
                // A bill or card settlement goes to a company; rent and the rest to a person or a company.
                let payee = PaymentParty(sortCode: from.sortCode, accountNumber: from.accountNumber,
                                         name: SimulatedCounterparties.ordinary(&rng))
                return .outgoing(OutboundPaymentRequested(paymentId: id, scheme: scheme, from: account, amount: amount.decimalString,
                                                          to: payee, reference: reference, requestedBy: Self.customerChannel))
            }
            // Nothing it can bear: money comes in instead.
            let (amount, reference) = incoming(account)
            return payment(from, to(account), amount: amount.decimalString, reference: reference)
        case .invalid:
            let account = pick(directory.open)
            let (amount, reference) = incoming(account)
            var beneficiary = to(account)
            var text = amount.decimalString
            var ref = reference
            switch rng.next() % 5 {
            case 0: beneficiary.accountNumber = Self.validNumber(beneficiary.sortCode, from: Int(90_000_000 + rng.next() % 9_999_999)) // unknown account
            case 1: text = "0.00"
            case 2: text = amount.decimalString + "5"
            case 3: ref = String(repeating: "X", count: 101)
            default: beneficiary.sortCode = "40123"
            }
            return payment(from, beneficiary, amount: text, reference: ref)
        case .sanctioned:
            var originator = from
            originator.name = SimulatedCounterparties.listed(&rng, entries: directory.sanctioned)
            let account = pick(directory.open)
            let (amount, reference) = incoming(account)
            return payment(originator, to(account), amount: amount.decimalString, reference: reference)
        case .blockedOrClosed:
            let account = pick(directory.blockedOrClosed) ?? pick(directory.open)
            let (amount, reference) = SimulatedFlows.incoming(&rng, balance: nil, business: false)
            return payment(from, to(account), amount: amount.decimalString, reference: reference)
        case .poison:
            let amount = SimulatedFlows.pounds(&rng, 1, 2_500)
            let data = Data("{\"paymentId\":\"\(id.lowercasedString)\",\"amount\":\(amount.pence),\"garbled\":true}".utf8)
            return .poison(id: id, scheme: scheme, data: data)
        }
    }

    /// The first account number from `start` on that passes the modulus check for `sortCode`
    /// (no new draw, so a seed replays the same payments); `start` itself, as 8 digits, when the
    /// bundled tables do not load (the bank then returns the payment, naming why).
    static func validNumber(_ sortCode: String, from start: Int) -> String {
        guard case .success(let checker) = ModulusChecker.bundled, let code = SortCode(sortCode),
              let number = checker.firstValidNumber(sortCode: code, from: start) else { return digits(UInt64(start), 8) }
        return number.digits
    }

    /// `value` as exactly `width` decimal digits, zero-padded.
    static func digits(_ value: UInt64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
