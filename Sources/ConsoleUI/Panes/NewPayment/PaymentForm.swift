import Foundation

import Core
import Store

/// The new-payment form: fields with inline validation; Enter sends when every field is valid.
struct PaymentForm: Hashable, Sendable {
    enum Field: Int, CaseIterable, Hashable, Sendable {
        case toAccount, amount, fromName, toName, fromAccount, reference, scheme

        var label: String {
            switch self {
            case .toAccount: "To account"
            case .amount: "Amount (£)"
            case .fromName: "From name"
            case .toName: "To name"
            case .fromAccount: "From account"
            case .reference: "Reference"
            case .scheme: "Scheme"
            }
        }
    }

    var fields: [Field: TextField]
    var focus: Field = .toAccount
    /// Set after a refused Enter, so errors show only once the operator tried to send.
    var showErrors = false

    init(toAccount: String = "", toName: String = "") {
        fields = [
            .toAccount: TextField(toAccount, limit: 20),
            .amount: TextField("", limit: 16),
            .fromName: TextField("", limit: 60),
            .toName: TextField(toName, limit: 60),
            .fromAccount: TextField("20-00-00 58177632", limit: 20),
            .reference: TextField("", limit: 110),
            .scheme: TextField("fps", limit: 6),
        ]
    }

    func text(_ field: Field) -> String { fields[field]?.text ?? "" }

    /// Splits `40-12-34 12345678` (or `401234 12345678`, `401234-12345678`) into its parts.
    static func account(_ text: String) -> (sortCode: String, accountNumber: String)? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "/" }).map(String.init)
        if parts.count == 2, SortCode(parts[0]) != nil, AccountNumber(parts[1]) != nil {
            return (SortCode(parts[0])!.digits, parts[1])
        }
        let digits = text.filter(\.isNumber)
        if digits.count == 14, text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == " " }) {
            return (String(digits.prefix(6)), String(digits.suffix(8)))
        }
        return nil
    }

    /// What is wrong with a field's text, if anything (the bank's rules for scheme payments).
    func error(_ field: Field, accounts: AccountDirectory) -> String? {
        let value = text(field).trimmingCharacters(in: .whitespaces)
        switch field {
        case .toAccount:
            guard let parsed = Self.account(value), let id = AccountID(sortCode: parsed.sortCode, accountNumber: parsed.accountNumber) else {
                return "sort code and account number, e.g. 40-12-34 12345678"
            }
            do throws(EventStoreError) {
                return try accounts.account(id) == nil ? "no such account at this bank (PgUp/PgDn picks one)" : nil
            } catch {
                return State.accountsUnreadable(error)
            }
        case .amount:
            guard let money = Money(parsing: value), money.pence > 0 else { return "a positive amount, at most 2 decimals" }
            return nil
        case .fromName, .toName:
            return Self.nameError(value, limit: 50, required: true)
        case .reference:
            return Self.nameError(value, limit: 100, required: false)
        case .fromAccount:
            return Self.account(value) == nil ? "sort code and account number, e.g. 20-00-00 58177632" : nil
        case .scheme:
            return Scheme(name: value) == nil ? "bacs, fps or chaps" : nil
        }
    }

    /// The schemes' character set: letters, digits, space and `- . , ' / ? : ( ) +`.
    static func nameError(_ value: String, limit: Int, required: Bool) -> String? {
        if value.isEmpty { return required ? "required" : nil }
        if value.count > limit { return "at most \(limit) characters" }
        let allowed = Set("-.,'/?:()+ ")
        if let bad = value.first(where: { !($0.isLetter || $0.isNumber || allowed.contains($0)) }) {
            return "\"\(bad)\" is not allowed by the schemes"
        }
        return nil
    }

    /// The request, when every field is valid.
    func request(accounts: AccountDirectory) -> InboundPaymentRequest? {
        guard Field.allCases.allSatisfy({ error($0, accounts: accounts) == nil }),
              let to = Self.account(text(.toAccount)), let from = Self.account(text(.fromAccount)) else { return nil }
        return InboundPaymentRequest(toSortCode: to.sortCode, toAccountNumber: to.accountNumber,
                                     amount: text(.amount).trimmingCharacters(in: .whitespaces),
                                     toName: text(.toName).trimmingCharacters(in: .whitespaces),
                                     fromName: text(.fromName).trimmingCharacters(in: .whitespaces),
                                     fromSortCode: from.sortCode, fromAccountNumber: from.accountNumber,
                                     reference: text(.reference).trimmingCharacters(in: .whitespaces),
                                     scheme: Scheme(name: text(.scheme).trimmingCharacters(in: .whitespaces)) ?? .fps)
    }
}
