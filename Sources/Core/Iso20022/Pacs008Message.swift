import Foundation

/// An ISO 20022 `pacs.008` message (FI to FI customer credit transfer) as this bank reads it:
/// the fields it uses, already checked by `Pacs008Reader`. Each transaction becomes one
/// inbound payment.
public struct Pacs008Message: Sendable, Hashable {
    /// One `CdtTrfTxInf`: a credit transfer to one of our customers (or back, if it is not ours).
    public struct Transaction: Sendable, Hashable {
        public var endToEndId: String
        /// Lower case, a version 4 UUID: the bank's payment id.
        public var uetr: UUID
        /// `IntrBkSttlmAmt` in pounds, as written (at most two decimals).
        public var amount: String
        public var debtor: PaymentParty
        public var creditor: PaymentParty
        /// `RmtInf/Ustrd`, empty when absent.
        public var reference: String

        public init(endToEndId: String, uetr: UUID, amount: String, debtor: PaymentParty, creditor: PaymentParty, reference: String) {
            self.endToEndId = endToEndId
            self.uetr = uetr
            self.amount = amount
            self.debtor = debtor
            self.creditor = creditor
            self.reference = reference
        }
    }

    /// `GrpHdr/MsgId`.
    public var messageId: String
    /// `GrpHdr/SttlmInf/ClrSys/Prtry` (`CHAPS`, `FPS`, `BACS`); CHAPS when absent.
    public var scheme: Scheme
    public var transactions: [Transaction]

    public init(messageId: String, scheme: Scheme, transactions: [Transaction]) {
        self.messageId = messageId
        self.scheme = scheme
        self.transactions = transactions
    }

    /// The inbound payments the message asks for, as the scheme hands them to the bank: the
    /// payment id is the UETR and the events carry the message's ids.
    public var payments: [InboundPaymentSentByScheme] {
        transactions.map { tx in
            InboundPaymentSentByScheme(paymentId: tx.uetr, scheme: scheme, amount: tx.amount, from: tx.debtor, to: tx.creditor,
                                       reference: tx.reference,
                                       iso: IsoPaymentIds(messageId: messageId, endToEndId: tx.endToEndId, uetr: tx.uetr.lowercasedString))
        }
    }
}
