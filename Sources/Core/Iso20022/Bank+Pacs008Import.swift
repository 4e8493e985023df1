import Foundation
import Store

/// What became of one transaction of an imported `pacs.008` message.
public struct Pacs008Imported: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        /// Handed to the bank as a new inbound payment.
        case sent
        /// The payment (its UETR) was there already: nothing written.
        case alreadyImported
    }

    public var ids: IsoPaymentIds
    public var paymentId: UUID
    public var status: Status
}

extension Bank {
    /// Hands the transactions of `messages` to the bank as inbound payments from the scheme,
    /// the way every inbound payment arrives (`InboundPaymentSentByScheme` on `Scheme-*`), so
    /// validation, the modulus check, screening and holds all apply. Does not wait for them.
    ///
    /// The payment id is the transaction's UETR: a transaction whose payment exists already
    /// (or came earlier in `messages`) is reported `alreadyImported` and not sent again. (One
    /// sent but not yet taken up by the processors is sent again with the same event id, which
    /// the store or, beyond its idempotency window, the payment's own stream turns away: never
    /// a second payment.) Appends in batches of `SchemeSimulator.batchLimit`, one append per
    /// scheme stream each. Returns, per message, what became of each transaction.
    public func importPayments(_ messages: [Pacs008Message]) async throws(BankError) -> [[Pacs008Imported]] {
        var seen: Set<UUID> = []
        var outcomes: [[Pacs008Imported]] = []
        var pending: [SimulatedPaymentFactory.Message] = []
        for message in messages {
            var results: [Pacs008Imported] = []
            for payment in message.payments {
                let ids = payment.iso ?? IsoPaymentIds(messageId: message.messageId, endToEndId: "", uetr: payment.paymentId.lowercasedString)
                let exists = store.lastVersion(of: BankStream.payment(.inbound, payment.paymentId).name) != nil
                guard !exists, seen.insert(payment.paymentId).inserted else {
                    results.append(Pacs008Imported(ids: ids, paymentId: payment.paymentId, status: .alreadyImported))
                    continue
                }
                pending.append(.payment(payment))
                results.append(Pacs008Imported(ids: ids, paymentId: payment.paymentId, status: .sent))
            }
            outcomes.append(results)
        }
        var start = 0
        while start < pending.count {
            let end = min(pending.count, start + SchemeSimulator.batchLimit)
            do { try await simulator.write(Array(pending[start..<end])) } catch { throw .store(error) }
            start = end
        }
        return outcomes
    }
}
