import Foundation

/// Every event of one payment, in order, with what caused each.
struct PaymentTimeline: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var event: EventHeading
        var id: String
        /// The id of the event that caused it (`$causationId`), and that event's type when it
        /// is one of this payment's events.
        var causationId: String?
        var causedBy: String?
        /// Who did it (`actor` in metadata), when recorded.
        var actor: String?
        /// A one-line digest of the data.
        var summary: String
    }

    var paymentID: UUID
    var entries: [Entry]
}
