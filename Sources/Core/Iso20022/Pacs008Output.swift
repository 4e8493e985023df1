import Foundation

/// Where the simulator writes its payments as `pacs.008` files (`run --pacs008-out DIR`): one
/// message per scheme per batch it sends, named `MSGID.xml`, written atomically.
///
/// The payments it writes carry their ISO ids on the scheme's event as well (message id
/// `SIM` + the first payment's id in hex, end-to-end id `E2E` + the payment's id in hex, UETR
/// the payment id), so importing a file into another bank (`import-payments`) makes the same
/// payments, and into this one finds them already there. Poison messages are not payments and
/// are not written.
public struct Pacs008Output: Sendable {
    /// Why a file could not be written.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write pacs.008 file \(path): \(reason)" }
    }

    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Gives each payment in `messages` its ISO ids and writes them, one file per scheme;
    /// returns the messages as they are then to be sent.
    public func write(_ messages: [SimulatedPaymentFactory.Message], created: Date) throws(Failure) -> [SimulatedPaymentFactory.Message] {
        var stamped = messages
        var byScheme: [Scheme: (messageId: String, indices: [Int])] = [:]
        for (index, message) in messages.enumerated() {
            guard case .payment(var payment) = message else { continue }
            let group = byScheme[payment.scheme] ?? (messageId: "SIM" + Self.hex(payment.paymentId), indices: [])
            payment.iso = IsoPaymentIds(messageId: group.messageId, endToEndId: "E2E" + Self.hex(payment.paymentId),
                                        uetr: payment.paymentId.lowercasedString)
            stamped[index] = .payment(payment)
            byScheme[payment.scheme] = (group.messageId, group.indices + [index])
        }
        for scheme in Scheme.allCases {
            guard let group = byScheme[scheme] else { continue }
            let payments = group.indices.compactMap { index -> InboundPaymentSentByScheme? in
                if case .payment(let payment) = stamped[index] { return payment }
                return nil
            }
            let file = directory.appendingPathComponent("\(group.messageId).xml")
            do {
                try Data(Pacs008Writer.document(payments, messageId: group.messageId, created: created).utf8).write(to: file, options: .atomic)
            } catch {
                throw Failure(path: file.path, reason: (error as NSError).localizedDescription)
            }
        }
        return stamped
    }

    /// A UUID's 32 hex digits in upper case, without dashes.
    static func hex(_ id: UUID) -> String {
        id.uuidString.replacingOccurrences(of: "-", with: "")
    }
}
