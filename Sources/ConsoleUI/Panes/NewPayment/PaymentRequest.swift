/// A simulated inbound payment the operator asked the scheme to send (`n` or `:pay`).
struct PaymentRequest: Hashable, Sendable {
    var toSortCode: String
    var toAccountNumber: String
    var amount: String
    var fromName: String
    var toName: String
    var fromSortCode: String
    var fromAccountNumber: String
    var reference: String
    var scheme: String
}
