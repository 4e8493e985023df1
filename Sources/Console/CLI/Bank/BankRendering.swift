import Core
import Foundation
import Store

/// How accounts, payments and sanctioned names look on the command line: the stable JSON
/// shapes of the reference and the human forms.
enum BankRendering {
    // MARK: - Accounts

    /// `{"sortCode","accountNumber","name","status","balance"}`.
    static func json(_ account: AccountSummary) -> [(key: String, value: JSONValue)] {
        [
            ("sortCode", .string(account.id.sortCode.digits)),
            ("accountNumber", .string(account.id.accountNumber.digits)),
            ("name", .string(account.holder)),
            ("status", .string(account.status.rawValue)),
            ("balance", .string(account.balance.decimalString)),
        ]
    }

    /// The accounts table: sort code, number, holder, status, balance.
    static func accountsTable(_ accounts: [AccountSummary]) -> [String] {
        var table = Table(["SORT CODE", "ACCOUNT", "HOLDER", "STATUS", "BALANCE"], alignments: [.left, .left, .left, .left, .right])
        for account in accounts {
            table.append([account.id.sortCode.description, account.id.accountNumber.digits, account.holder,
                          account.status.rawValue, account.balance.description])
        }
        return table.lines()
    }

    /// `{"position","created","amount","balance","kind","paymentId","description"}`.
    static func json(_ line: LedgerLine) -> JSONValue {
        .object([
            ("position", .number(String(line.position))),
            ("created", .string(Timestamp.string(line.created))),
            ("amount", .string(line.amount.decimalString)),
            ("balance", .string(line.balance.decimalString)),
            ("kind", .string(line.kind.rawValue)),
            ("paymentId", line.paymentId.map { .string($0.uuidString.lowercased()) } ?? .null),
            ("description", .string(line.description)),
        ])
    }

    /// Ledger lines, oldest first: when, amount, running balance, what.
    static func ledgerTable(_ lines: [LedgerLine]) -> [String] {
        var table = Table(["POSITION", "CREATED", "AMOUNT", "BALANCE", "DESCRIPTION"], alignments: [.right, .left, .right, .right, .left])
        for line in lines {
            table.append([String(line.position), Timestamp.string(line.created), line.amount.description,
                          line.balance.description, line.description])
        }
        return table.lines()
    }

    // MARK: - Payments

    /// `{"sortCode","accountNumber","name"}` as the payment carried it.
    static func json(_ party: PaymentParty) -> JSONValue {
        .object([("sortCode", .string(party.sortCode)), ("accountNumber", .string(party.accountNumber)), ("name", .string(party.name))])
    }

    /// `{"id","direction","state","reason","amount","from","to",...}`; `evidence` when it was held.
    static func json(_ payment: PaymentSummary, events: [RecordedEvent]? = nil) -> JSONValue {
        json(payment, events: events, holder: nil)
    }

    /// As `json(_:events:)` with `"accountHolder"` after `"to"`: the holder of our account on the
    /// payment as the bank knows it (null when the bank has no such account), which may differ
    /// from the name the payment carries.
    static func json(_ payment: PaymentSummary, events: [RecordedEvent]? = nil, accounts: Accounts) -> JSONValue {
        json(payment, events: events, holder: accountHolder(of: payment, in: accounts).map { .string($0) } ?? .null)
    }

    private static func json(_ payment: PaymentSummary, events: [RecordedEvent]?, holder: JSONValue?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(payment.id.uuidString.lowercased())),
            ("direction", .string(payment.direction.rawValue)),
            ("state", .string(payment.state.rawValue)),
            ("reason", payment.reason.map { .string($0) } ?? .null),
            ("amount", .string(payment.amount?.decimalString ?? payment.amountText)),
            ("from", json(payment.from)),
            ("to", json(payment.to)),
        ]
        if let holder { members.append(("accountHolder", holder)) }
        members += [
            ("reference", .string(payment.reference)),
            ("scheme", .string(payment.scheme.rawValue)),
        ]
        if let iso = payment.iso {
            members.append(("iso", .object([("messageId", .string(iso.messageId)), ("endToEndId", .string(iso.endToEndId)),
                                             ("uetr", .string(iso.uetr))])))
        }
        if !payment.evidence.isEmpty || payment.state == .held {
            members.append(("evidence", .array(payment.evidence.map(json))))
        }
        if !payment.approvals.isEmpty {
            members.append(("approvals", .array(payment.approvals.map(json))))
        }
        if let decision = payment.decision { members.append(("decision", json(decision))) }
        if let events { members.append(("events", .array(events.map(EventRendering.json)))) }
        return .object(members)
    }

    /// `{"by","at","reason"}`: an operator's approval, release or rejection.
    static func json(_ decision: OperatorDecision) -> JSONValue {
        .object([("by", .string(decision.by)), ("at", .string(Timestamp.string(decision.at))), ("reason", .string(decision.reason))])
    }

    /// "approved by jo — needs a second operator", or nil when it has no approval.
    static func approvals(_ payment: PaymentSummary) -> String? {
        guard !payment.approvals.isEmpty, payment.state == .held else { return nil }
        return "approved by \(payment.approvals.map(\.by).joined(separator: ", ")) — needs a second operator"
    }

    /// `{"name","matched","score",...}`: which screened name matched which list entry — its
    /// id and list number (OFAC's ent_num), primary name, type and programmes — and how closely
    /// (`score` 0-1 with two decimals, `score100` 0-100).
    static func json(_ match: ScreeningMatch) -> JSONValue {
        .object([
            ("name", .string(match.name)),
            ("matched", .string(match.matched)),
            ("score", .number(score(match.score))),
            ("role", .string(match.role.rawValue)),
            ("entryId", .string(match.entryId)),
            ("entryName", .string(match.entryName)),
            ("listNumber", match.listNumber.map { .number(String($0)) } ?? .null),
            ("type", match.entryKind.map { .string($0) } ?? .null),
            ("programs", .array((match.programs ?? []).map { .string($0) })),
            ("score100", .number(String(score100(match.score)))),
        ])
    }

    /// One hit for people: the name, the list name it matched, the entry (id, the primary name
    /// when an alias matched, type, programmes) and the score from 0 to 100:
    /// `Bank Saderat Limited ~ BANK SADERAT PLC (OFAC-4642 entity [IRAN, SDGT, IFSR]) score 100`.
    static func evidence(_ match: ScreeningMatch) -> String {
        var entry = match.entryId
        if let kind = match.entryKind { entry += " \(kind)" }
        if let programs = match.programs, !programs.isEmpty { entry += " [\(programs.joined(separator: ", "))]" }
        if match.matched != match.entryName { entry += ", alias of \"\(match.entryName)\"" }
        return "\(match.name) ~ \(match.matched) (\(entry)) score \(score100(match.score))"
    }

    /// A score in 0...1 as a whole number from 0 to 100 (0.9666 → 97).
    static func score100(_ value: Double) -> Int {
        Int((value * 100).rounded())
    }

    /// A score with two decimals: `0.93`.
    static func score(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    /// `£12.34`, or the amount as sent when it was malformed.
    static func amount(_ payment: PaymentSummary) -> String {
        payment.amount?.description ?? payment.amountText
    }

    /// One line for people: the outcome of a payment (settled, held with evidence, ...).
    static func outcome(_ payment: PaymentSummary) -> String {
        let what = "\(payment.direction.rawValue) payment \(payment.id.uuidString.lowercased()) of \(amount(payment))"
        switch payment.state {
        case .held:
            let evidence = payment.evidence.map(Self.evidence).joined(separator: "; ")
            if let approvals = approvals(payment) { return "\(what): held, \(approvals)" }
            return "\(what): held for sanctions review: \(evidence)"
        case .settled, .accepted:
            return "\(what): \(payment.state.rawValue)"
        default:
            return "\(what): \(payment.state.rawValue)" + (payment.reason.map { ": \($0)" } ?? "")
        }
    }

    /// The party on a payment that is our account: the payee of an inbound payment, the payer
    /// of an outbound one.
    static func ourParty(_ payment: PaymentSummary) -> PaymentParty {
        payment.direction == .inbound ? payment.to : payment.from
    }

    /// The holder of our account on the payment, as the bank knows it (checked when the payment
    /// was validated, else looked up); nil when the bank has no such account.
    static func accountHolder(of payment: PaymentSummary, in accounts: Accounts) -> String? {
        payment.accountHolder ?? ourParty(payment).account.flatMap { accounts.account($0)?.holder }
    }

    /// A payment in full for people: parties, state, evidence and decision. With `accounts`,
    /// an `account holder` row follows our account's party (under `to` for an inbound payment).
    static func detail(_ payment: PaymentSummary, accounts: Accounts? = nil) -> [String] {
        var table = Table(["", ""])
        table.append(["id", payment.id.uuidString.lowercased()])
        table.append(["direction", payment.direction.rawValue])
        table.append(["state", payment.state.rawValue])
        if let reason = payment.reason { table.append(["reason", reason]) }
        table.append(["amount", amount(payment)])
        table.append(["scheme", payment.scheme.rawValue.uppercased()])
        let holder = accounts.map { accountHolder(of: payment, in: $0) ?? "(no such account at this bank)" }
        table.append(["from", party(payment.from)])
        if let holder, payment.direction == .outbound { table.append(["account holder", holder]) }
        table.append(["to", party(payment.to)])
        if let holder, payment.direction == .inbound { table.append(["account holder", holder]) }
        table.append(["reference", payment.reference])
        if let iso = payment.iso { table.append(["pacs.008", iso.line]) }
        table.append(["received", Timestamp.string(payment.received)])
        for match in payment.evidence {
            table.append(["evidence", "\(match.role.rawValue) \(evidence(match))"])
        }
        for approval in payment.approvals {
            table.append(["approval", "\(approval.by) at \(Timestamp.string(approval.at)): \(approval.reason)"])
        }
        if let decision = payment.decision {
            table.append(["decision", "\(decision.by) at \(Timestamp.string(decision.at)): \(decision.reason)"])
        }
        return table.lines(header: false)
    }

    /// `40-12-34 12345678 Jon Doe` (raw text when it is not a well-formed account).
    static func party(_ party: PaymentParty) -> String {
        let account = party.account.map(\.description) ?? "\(party.sortCode) \(party.accountNumber)"
        return party.name.isEmpty ? account : "\(account) \(party.name)"
    }

    /// The held queue for people: oldest first, with the evidence.
    static func heldTable(_ payments: [PaymentSummary], accounts: Accounts) -> [String] {
        var table = Table(["HELD AT", "ID", "AMOUNT", "OUR ACCOUNT", "EVIDENCE"], alignments: [.left, .left, .right, .left, .left])
        for payment in payments {
            var evidence = payment.evidence.map(Self.evidence).joined(separator: "; ")
            if let approvals = approvals(payment) { evidence += " (\(approvals))" }
            table.append([payment.heldAt.map(Timestamp.string) ?? "", payment.id.uuidString.lowercased(), amount(payment),
                          ourAccount(ourParty(payment), holder: accountHolder(of: payment, in: accounts)), evidence])
        }
        return table.lines()
    }

    /// Our account on a payment named by its holder, with the name the payment carries when
    /// that differs: `40-12-34 10000329 Katarzyna Abbott (payment names "K. Abbott")`. Without
    /// a holder (no such account here) the party as the payment names it.
    static func ourAccount(_ named: PaymentParty, holder: String?) -> String {
        guard let holder, let account = named.account else { return party(named) }
        let text = "\(account) \(holder)"
        return named.name.isEmpty || named.name == holder ? text : "\(text) (payment names \"\(named.name)\")"
    }

    // MARK: - Sanctions

    /// `{"entryId","name","aliases"}`.
    static func json(_ entry: SanctionedEntry) -> JSONValue {
        .object([("entryId", .string(entry.entryId)), ("name", .string(entry.name)), ("aliases", .array(entry.aliases.map { .string($0) }))])
    }
}
