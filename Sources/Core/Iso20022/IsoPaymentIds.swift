import Foundation

/// The ISO 20022 identifiers of a payment that arrived as a `pacs.008` message: what the
/// inbound payment events carry (optionally) so the payment's timeline can name the message.
///
/// Not the bank's payment id: the payment id of an imported payment is its UETR, so importing
/// the same message again finds the payment instead of making a second one.
public struct IsoPaymentIds: Codable, Sendable, Hashable {
    /// `GrpHdr/MsgId`: the sending agent's id of the whole message (1-35 characters).
    public var messageId: String
    /// `PmtId/EndToEndId`: the originator's id, kept unchanged along the chain (1-35 characters).
    public var endToEndId: String
    /// `PmtId/UETR`: the unique end-to-end transaction reference (a version 4 UUID, lower case).
    public var uetr: String

    public init(messageId: String, endToEndId: String, uetr: String) {
        self.messageId = messageId
        self.endToEndId = endToEndId
        self.uetr = uetr
    }

    /// `MsgId X · EndToEndId Y · UETR Z`, as timelines show it.
    public var line: String {
        "MsgId \(messageId) · EndToEndId \(endToEndId) · UETR \(uetr)"
    }
}
