import Foundation
import Store

/// Makes the simulator's payments: a pure function of a generator, the bank's accounts and the
/// sanctions list, so a seed replays the same payments.
public struct SimulatedPaymentFactory: Sendable {
    /// What the factory knows of the bank.
    public struct Directory: Sendable, Hashable {
        public var open: [AccountID]
        public var blockedOrClosed: [AccountID]
        public var sanctioned: [SanctionedEntry]

        public init(open: [AccountID], blockedOrClosed: [AccountID], sanctioned: [SanctionedEntry]) {
            self.open = open.sorted()
            self.blockedOrClosed = blockedOrClosed.sorted()
            self.sanctioned = sanctioned
        }
    }

    /// A simulated message: a payment, or a poison message's raw data.
    public enum Message: Sendable, Hashable {
        case payment(InboundPaymentSentByScheme)
        case poison(id: UUID, scheme: Scheme, data: Data)

        public var paymentId: UUID {
            switch self {
            case .payment(let payment): payment.paymentId
            case .poison(let id, _, _): id
            }
        }
    }

    static let firstNames = ["Alice", "Bernard", "Clara", "Dominic", "Eleanor", "Frederick", "Georgina", "Harold", "Isla", "Jonah",
                             "Katherine", "Leonard", "Matilda", "Nathaniel", "Olive", "Peter", "Rupert", "Sophie", "Theodore", "Winifred"]
    static let lastNames = ["Abbott", "Brown", "Carter", "Dawson", "Ellis", "Fletcher", "Graham", "Hughes", "Irving", "Jenkins",
                            "Knight", "Lawson", "Mitchell", "Norris", "Owens", "Parker", "Reeves", "Sutton", "Turner", "Walsh"]
    static let references = ["INVOICE 1042", "RENT MARCH", "Thank you", "Order 77812", "Salary", "Refund", "Gift", "Deposit"]

    public init() {}

    /// The next message of `kind`.
    public func make(_ kind: SimulatedKind, rng: inout SplitMix64, directory: Directory) -> Message {
        let id = rng.uuid()
        let scheme = Scheme.allCases[Int(rng.next() % 3)]
        let amount = Money(pence: Int64(100 + rng.next() % 250_000))
        let fromSortCode = Self.digits(200_000 + rng.next() % 700_000, 6)
        let from = PaymentParty(sortCode: fromSortCode,
                                accountNumber: Self.validNumber(fromSortCode, from: Int(rng.next() % 100_000_000)),
                                name: person(&rng))
        let reference = Self.references[Int(rng.next() % UInt64(Self.references.count))]
        func to(_ account: AccountID?) -> PaymentParty {
            PaymentParty(sortCode: account?.sortCode.digits ?? "401299",
                         accountNumber: account?.accountNumber.digits ?? Self.validNumber("401299", from: 99_999_999),
                         name: person(&rng))
        }
        func pick(_ accounts: [AccountID]) -> AccountID? {
            accounts.isEmpty ? nil : accounts[Int(rng.next() % UInt64(accounts.count))]
        }
        func payment(_ from: PaymentParty, _ to: PaymentParty, amount: String, reference: String) -> Message {
            .payment(InboundPaymentSentByScheme(paymentId: id, scheme: scheme, amount: amount, from: from, to: to, reference: reference))
        }

        switch kind {
        case .valid:
            return payment(from, to(pick(directory.open)), amount: amount.decimalString, reference: reference)
        case .invalid:
            var beneficiary = to(pick(directory.open))
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
            if !directory.sanctioned.isEmpty {
                let entry = directory.sanctioned[Int(rng.next() % UInt64(directory.sanctioned.count))]
                let names = [entry.name] + entry.aliases
                originator.name = names[Int(rng.next() % UInt64(names.count))]
            }
            return payment(originator, to(pick(directory.open)), amount: amount.decimalString, reference: reference)
        case .blockedOrClosed:
            return payment(from, to(pick(directory.blockedOrClosed) ?? pick(directory.open)), amount: amount.decimalString, reference: reference)
        case .poison:
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

    private func person(_ rng: inout SplitMix64) -> String {
        Self.firstNames[Int(rng.next() % UInt64(Self.firstNames.count))] + " " + Self.lastNames[Int(rng.next() % UInt64(Self.lastNames.count))]
    }
}
