import Foundation

/// Reads a `pacs.008` message (any version from `pacs.008.001.08`, the first with a UETR) and
/// checks the fields the bank uses; the first wrong element is named by its path.
///
/// Checked: the root is `Document` in a `pacs.008` namespace; `GrpHdr/MsgId` (1-35 characters);
/// `GrpHdr/NbOfTxs` equals the number of `CdtTrfTxInf`; optional `GrpHdr/SttlmInf/ClrSys/Prtry`
/// (`CHAPS`, `FPS` or `BACS`); in each transaction `PmtId/EndToEndId` (1-35), `PmtId/UETR` (a
/// version 4 UUID, lower case, as the schema's pattern says), `IntrBkSttlmAmt` in `GBP` with at
/// most two decimals and at most £999,999,999,999.99, `Dbtr/Nm` and `Cdtr/Nm` (1-140),
/// `DbtrAcct`/`CdtrAcct` `Id/Othr/Id` (8 digits), and `DbtrAgt`/`CdtrAgt`
/// `FinInstnId/ClrSysMmbId` with `ClrSysId/Cd` `GBDSC` and a 6-digit sort code as `MmbId`;
/// `RmtInf/Ustrd` (at most 140) is optional. Other elements are not looked at. Whether the
/// names, reference and accounts suit this bank (lengths, character set, modulus check, the
/// account existing) the bank's own validation decides, returning the payment if not.
public enum Pacs008Reader {
    /// The namespace's start: `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.` then the version.
    public static let namespacePrefix = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001."
    /// The clearing system whose member ids are UK sort codes.
    public static let sortCodeClearingSystem = "GBDSC"

    /// Reads `data` as one `pacs.008` message.
    public static func read(_ data: Data) -> Result<Pacs008Message, Pacs008Error> {
        read(XMLTree.parse(data))
    }

    /// Checks a message already parsed (or the reason it could not be).
    static func read(_ parsed: Result<XMLTree.Element, XMLTree.Malformed>) -> Result<Pacs008Message, Pacs008Error> {
        switch parsed {
        case .failure(let malformed):
            return .failure(Pacs008Error(path: "line \(malformed.line) column \(malformed.column)", reason: "not well-formed XML: \(malformed.reason)"))
        case .success(let root):
            do throws(Pacs008Error) {
                return .success(try message(root))
            } catch {
                return .failure(error)
            }
        }
    }

    /// An element and where it is, for the error it may cause.
    private struct Found {
        let element: XMLTree.Element
        /// Where the element is, as a path only when an error needs it: building every path
        /// would cost more than reading the message.
        let trail: Trail

        init(element: XMLTree.Element, path: String) {
            self.init(element: element, trail: Trail(parent: nil, name: path))
        }

        private init(element: XMLTree.Element, trail: Trail) {
            self.element = element
            self.trail = trail
        }

        var path: String { trail.path }

        func fail(_ reason: String) -> Pacs008Error { Pacs008Error(path: path, reason: reason) }

        /// The one child called `name`.
        func one(_ name: String) throws(Pacs008Error) -> Found {
            // Counted in place: `children(_:)` would build an array for every element looked up.
            var match: XMLTree.Element?
            var count = 0
            for child in element.children where child.name == name {
                match = match ?? child
                count += 1
            }
            guard let match else { throw Pacs008Error(path: "\(path)/\(name)", reason: "missing") }
            guard count == 1 else { throw Pacs008Error(path: "\(path)/\(name)", reason: "appears \(count) times, expected once") }
            return Found(element: match, trail: Trail(parent: trail, name: name))
        }

        /// The child called `name`, or nil when there is none (twice is still an error).
        func optional(_ name: String) throws(Pacs008Error) -> Found? {
            element.children.contains { $0.name == name } ? try one(name) : nil
        }

        /// The child's text, 1 to `maximum` characters.
        func text(_ name: String, maximum: Int) throws(Pacs008Error) -> String {
            try one(name).text(maximum: maximum)
        }

        /// This element's text, 1 to `maximum` characters.
        func text(maximum: Int) throws(Pacs008Error) -> String {
            let value = element.value
            guard !value.isEmpty else { throw fail("empty") }
            guard value.count <= maximum else { throw fail("\(value.count) characters, at most \(maximum)") }
            return value
        }
    }

    /// A path from the root element down, one name a link.
    private final class Trail {
        let parent: Trail?
        let name: String

        init(parent: Trail?, name: String) {
            self.parent = parent
            self.name = name
        }

        var path: String { parent.map { "\($0.path)/\(name)" } ?? name }
    }

    private static func message(_ root: XMLTree.Element) throws(Pacs008Error) -> Pacs008Message {
        let document = Found(element: root, path: "Document")
        guard root.name == "Document" else { throw document.fail("the root element is \(root.name), expected Document") }
        guard let namespace = root.namespace, namespace.hasPrefix(namespacePrefix) else {
            throw document.fail("namespace \(root.namespace.map { "'\($0)'" } ?? "missing"), expected \(namespacePrefix)NN (pacs.008)")
        }
        let transfer = try document.one("FIToFICstmrCdtTrf")
        // Paths are written from the message element down, as the schema's documentation does.
        let body = Found(element: transfer.element, path: "FIToFICstmrCdtTrf")
        let header = try body.one("GrpHdr")
        let messageId = try header.text("MsgId", maximum: 35)
        let count = try header.one("NbOfTxs")
        let transactions = body.element.children("CdtTrfTxInf")
        guard !transactions.isEmpty else { throw Pacs008Error(path: "FIToFICstmrCdtTrf/CdtTrfTxInf", reason: "missing") }
        guard let declared = Int(count.element.value), declared == transactions.count else {
            throw count.fail("'\(count.element.value.prefix(20))', but the message holds \(transactions.count) CdtTrfTxInf")
        }
        let scheme = try self.scheme(header)
        var read: [Pacs008Message.Transaction] = []
        var seen: Set<UUID> = []
        for (index, element) in transactions.enumerated() {
            let found = Found(element: element, path: "FIToFICstmrCdtTrf/CdtTrfTxInf[\(index + 1)]")
            let transaction = try self.transaction(found)
            guard seen.insert(transaction.uetr).inserted else {
                throw Pacs008Error(path: "\(found.path)/PmtId/UETR", reason: "\(transaction.uetr.lowercasedString) appears twice in the message")
            }
            read.append(transaction)
        }
        return Pacs008Message(messageId: messageId, scheme: scheme, transactions: read)
    }

    /// `GrpHdr/SttlmInf/ClrSys/Prtry`, CHAPS when absent.
    private static func scheme(_ header: Found) throws(Pacs008Error) -> Scheme {
        guard let settlement = try header.optional("SttlmInf"), let system = try settlement.optional("ClrSys"),
              let proprietary = try system.optional("Prtry") else { return .chaps }
        switch proprietary.element.value.uppercased() {
        case "CHAPS": return .chaps
        case "FPS": return .fps
        case "BACS": return .bacs
        default: throw proprietary.fail("'\(proprietary.element.value.prefix(35))', expected CHAPS, FPS or BACS")
        }
    }

    private static func transaction(_ tx: Found) throws(Pacs008Error) -> Pacs008Message.Transaction {
        let ids = try tx.one("PmtId")
        let endToEndId = try ids.text("EndToEndId", maximum: 35)
        let uetrElement = try ids.one("UETR")
        guard let uetr = self.uetr(uetrElement.element.value) else {
            throw uetrElement.fail("'\(uetrElement.element.value.prefix(40))' is not a lower-case version 4 UUID")
        }
        let amount = try self.amount(try tx.one("IntrBkSttlmAmt"))
        let debtor = try party(tx, name: "Dbtr", account: "DbtrAcct", agent: "DbtrAgt")
        let creditor = try party(tx, name: "Cdtr", account: "CdtrAcct", agent: "CdtrAgt")
        var reference = ""
        if let remittance = try tx.optional("RmtInf"), let unstructured = try remittance.optional("Ustrd") {
            reference = try unstructured.text(maximum: 140)
        }
        return Pacs008Message.Transaction(endToEndId: endToEndId, uetr: uetr, amount: amount, debtor: debtor, creditor: creditor,
                                          reference: reference)
    }

    /// The schema's UETR pattern: `[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}`.
    static func uetr(_ text: String) -> UUID? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        // The 16 bytes, from the digits checked here (Foundation's `UUID(uuidString:)` would
        // parse the text again, more slowly).
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var nibbles = 0
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 8, 13, 18, 23: guard byte == UInt8(ascii: "-") else { return nil }
                continue
            case 14: guard byte == UInt8(ascii: "4") else { return nil }
            case 19: guard [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(byte) else { return nil }
            default: guard (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) else { return nil }
            }
            let nibble = byte <= 0x39 ? byte - 0x30 : byte - 0x61 + 10
            withUnsafeMutableBytes(of: &uuid) { $0[nibbles / 2] |= nibbles % 2 == 0 ? nibble << 4 : nibble }
            nibbles += 1
        }
        return UUID(uuid: uuid)
    }

    /// `IntrBkSttlmAmt Ccy="GBP"`: a decimal with at most two places, within the bank's range.
    private static func amount(_ found: Found) throws(Pacs008Error) -> String {
        guard let currency = found.element.attributes["Ccy"] else { throw found.fail("missing attribute Ccy") }
        guard currency == "GBP" else { throw found.fail("currency \(currency.prefix(10)), expected GBP") }
        let text = found.element.value
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        guard parts.count <= 2, isDigits(parts[0]), parts.count == 1 || isDigits(parts[1]) else {
            throw found.fail("'\(text.prefix(30))' is not a decimal amount")
        }
        if parts.count == 2, parts[1].count > 2 { throw found.fail("\(text) has \(parts[1].count) decimal places, GBP has 2") }
        guard Money(parsing: text) != nil else { throw found.fail("\(text.prefix(30)) is more than \(Money.max)") }
        return text
    }

    /// A debtor or creditor: the name, the account's `Othr/Id` and the agent's sort code.
    private static func party(_ tx: Found, name: String, account: String, agent: String) throws(Pacs008Error) -> PaymentParty {
        let holder = try tx.one(name).text("Nm", maximum: 140)
        let number = try tx.one(account).one("Id").one("Othr").one("Id")
        guard number.element.value.utf8.count == 8, number.element.value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw number.fail("'\(number.element.value.prefix(40))' is not an 8-digit account number")
        }
        let member = try tx.one(agent).one("FinInstnId").one("ClrSysMmbId")
        let system = try member.one("ClrSysId").one("Cd")
        guard system.element.value == sortCodeClearingSystem else {
            throw system.fail("'\(system.element.value.prefix(35))', expected \(sortCodeClearingSystem) (UK sort codes)")
        }
        let sortCode = try member.one("MmbId")
        guard sortCode.element.value.utf8.count == 6, sortCode.element.value.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw sortCode.fail("'\(sortCode.element.value.prefix(40))' is not a 6-digit sort code")
        }
        return PaymentParty(sortCode: sortCode.element.value, accountNumber: number.element.value, name: holder)
    }
}
