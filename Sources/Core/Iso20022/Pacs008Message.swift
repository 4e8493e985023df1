import Foundation

/// An ISO 20022 `pacs.008` message (FI to FI customer credit transfer) as this bank reads it:
/// the fields it uses, already checked by `Pacs008Reader`. Each transaction becomes one
/// inbound payment. Only the reader makes one: there is no public initialiser.
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
    }

    /// `GrpHdr/MsgId`.
    public var messageId: String
    /// `GrpHdr/SttlmInf/ClrSys/Prtry` (`CHAPS`, `FPS`, `BACS`); CHAPS when absent.
    public var scheme: Scheme
    public var transactions: [Transaction]

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
