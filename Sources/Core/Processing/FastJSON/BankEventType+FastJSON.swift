import Foundation

// Hand-written JSON for the events of a settling inbound payment (seven per payment). Keys are
// written in sorted order; `FastJSONTests` proves the bytes equal `JSONEncoder.bank`'s.

/// An event with a hand-written codec: it writes and reads its members; the braces, and the
/// `BankEventType` requirements, come from here.
protocol FastJSONEvent: BankEventType {
    /// Writes the members, keys in sorted order, as `JSONEncoder.bank` would.
    func writeMembers(_ writer: inout JSONWriter)
    /// Reads the members; nil when the object is not exactly this event.
    init?(members object: JSONObject)
}

extension FastJSONEvent {
    public static var hasFastJSON: Bool { true }

    public func writeFastJSON(_ writer: inout JSONWriter) -> Bool {
        writer.open()
        writeMembers(&writer)
        writer.close()
        return true
    }

    public init?(fastJSON object: JSONObject) {
        self.init(members: object)
    }
}

/// An inbound payment instruction's event, sent by the scheme and then received by the bank
/// alike: one JSON shape, and one hand-written codec, for both events.
protocol InboundInstruction: FastJSONEvent, InboundInstructionEvent {}

extension InboundInstruction {
    func writeMembers(_ writer: inout JSONWriter) {
        writer.key("amount"); writer.string(instruction.amount)
        writer.key("from"); writer.party(instruction.from)
        if let iso = instruction.iso {
            writer.key("iso"); writer.open()
            writer.key("endToEndId"); writer.string(iso.endToEndId)
            writer.key("messageId"); writer.string(iso.messageId)
            writer.key("uetr"); writer.string(iso.uetr)
            writer.close()
        }
        writer.key("paymentId"); writer.uuid(instruction.paymentId)
        writer.key("reference"); writer.string(instruction.reference)
        writer.key("scheme"); writer.string(instruction.scheme.rawValue)
        writer.key("to"); writer.party(instruction.to)
    }

    init?(members object: JSONObject) {
        guard let amount = object.string("amount"), let from = object.party("from"), let paymentId = object.uuid("paymentId"),
              let reference = object.string("reference"), let scheme = object.string("scheme").flatMap(Scheme.init(rawValue:)),
              let to = object.party("to") else { return nil }
        var iso: IsoPaymentIds?
        if !object.isAbsent("iso") {
            guard let ids = object.object("iso"), let endToEndId = ids.string("endToEndId"), let messageId = ids.string("messageId"),
                  let uetr = ids.string("uetr") else { return nil }
            iso = IsoPaymentIds(messageId: messageId, endToEndId: endToEndId, uetr: uetr)
        }
        self.init(InboundPaymentInstruction(paymentId: paymentId, scheme: scheme, amount: amount, from: from, to: to,
                                            reference: reference, iso: iso))
    }
}

extension InboundPaymentSentByScheme: InboundInstruction {}

extension InboundPaymentReceived: InboundInstruction {}

extension InboundPaymentValidated: FastJSONEvent {
    func writeMembers(_ writer: inout JSONWriter) {
        writer.key("account"); writer.account(account)
        writer.key("accountHolder"); writer.string(accountHolder)
        writer.key("amount"); writer.money(amount)
        writer.key("paymentId"); writer.uuid(paymentId)
    }

    init?(members object: JSONObject) {
        guard let account = object.account("account"), let holder = object.string("accountHolder"), let amount = object.money("amount"),
              let paymentId = object.uuid("paymentId") else { return nil }
        self.init(paymentId: paymentId, amount: amount, account: account, accountHolder: holder)
    }
}

extension InboundPaymentSanctionsChecked: FastJSONEvent {
    func writeMembers(_ writer: inout JSONWriter) {
        writer.key("paymentId"); writer.uuid(paymentId)
        writer.key("released"); writer.bool(released)
    }

    init?(members object: JSONObject) {
        guard let paymentId = object.uuid("paymentId"), let released = object.bool("released") else { return nil }
        self.init(paymentId: paymentId, released: released)
    }
}

extension InboundPaymentAccountStatusChecked: FastJSONEvent {
    func writeMembers(_ writer: inout JSONWriter) {
        writer.key("account"); writer.account(account)
        writer.key("paymentId"); writer.uuid(paymentId)
    }

    init?(members object: JSONObject) {
        guard let account = object.account("account"), let paymentId = object.uuid("paymentId") else { return nil }
        self.init(paymentId: paymentId, account: account)
    }
}

extension InboundPaymentBalanceUpdated: FastJSONEvent {
    func writeMembers(_ writer: inout JSONWriter) {
        writer.key("account"); writer.account(account)
        writer.key("amount"); writer.money(amount)
        writer.key("balanceAfter"); writer.money(balanceAfter)
        writer.key("ledgerVersion"); writer.integer(ledgerVersion)
        writer.key("paymentId"); writer.uuid(paymentId)
    }

    init?(members object: JSONObject) {
        guard let account = object.account("account"), let amount = object.money("amount"), let balanceAfter = object.money("balanceAfter"),
              let ledgerVersion = object.integer("ledgerVersion"), let paymentId = object.uuid("paymentId") else { return nil }
        self.init(paymentId: paymentId, account: account, amount: amount, balanceAfter: balanceAfter, ledgerVersion: ledgerVersion)
    }
}

extension LedgerEntryPosted: FastJSONEvent {
    func writeMembers(_ writer: inout JSONWriter) {
        writer.key("account"); writer.account(account)
        writer.key("amount"); writer.money(amount)
        writer.key("balanceAfter"); writer.money(balanceAfter)
        writer.key("description"); writer.string(description)
        writer.key("kind"); writer.string(kind.rawValue)
        if let paymentId {
            writer.key("paymentId"); writer.uuid(paymentId)
        }
    }

    init?(members object: JSONObject) {
        guard let account = object.account("account"), let amount = object.money("amount"), let balanceAfter = object.money("balanceAfter"),
              let description = object.string("description"), let kind = object.string("kind").flatMap(LedgerEntryKind.init(rawValue:))
        else { return nil }
        let paymentId: UUID?
        if object.isAbsent("paymentId") {
            paymentId = nil
        } else {
            guard let id = object.uuid("paymentId") else { return nil }
            paymentId = id
        }
        self.init(account: account, amount: amount, balanceAfter: balanceAfter, kind: kind, paymentId: paymentId, description: description)
    }
}
