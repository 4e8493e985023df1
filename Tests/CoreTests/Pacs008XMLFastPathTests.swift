import Foundation
import Store
import Testing
@testable import Core

/// The fast path for reading `pacs.008` messages (`XMLBytesReader`) gives the same tree as
/// Foundation's `XMLParser` for the samples and for messages the writer writes, and leaves
/// everything malformed or unusual to `XMLParser`, so the errors are unchanged.
@Suite struct Pacs008XMLFastPathTests {
    /// An element's name, namespace, attributes, text and children, compared as values.
    struct Node: Equatable, CustomStringConvertible {
        var name: String
        var namespace: String?
        var attributes: [String: String]
        var text: String
        var children: [Node]

        init(_ element: XMLTree.Element) {
            name = element.name
            namespace = element.namespace
            attributes = element.attributes
            text = element.text
            children = element.children.map(Node.init)
        }

        var description: String {
            "<\(name) \(namespace ?? "-") \(attributes.sorted { $0.key < $1.key })>\(text.debugDescription)\(children)</\(name)>"
        }
    }

    static func nodes(_ parsed: Result<XMLTree.Element, XMLTree.Malformed>) -> Result<Node, XMLTree.Malformed> {
        parsed.map(Node.init)
    }

    /// Both readers give the same tree, and the same message or refusal.
    static func expectFastPathMatches(_ data: Data, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let fast = try #require(XMLBytesReader.parse(data), "the fast path fell back", sourceLocation: sourceLocation)
        let slow = XMLTree.parseWithXMLParser(data)
        #expect(.success(Node(fast)) == nodes(slow), sourceLocation: sourceLocation)
        #expect(Pacs008Reader.read(.success(fast)) == Pacs008Reader.read(slow), sourceLocation: sourceLocation)
    }

    /// The fast path declines `data`, so reading it is `XMLParser`'s reading, error and all.
    static func expectFallsBack(_ data: Data, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(XMLBytesReader.parse(data) == nil, sourceLocation: sourceLocation)
        #expect(nodes(XMLTree.parse(data)) == nodes(XMLTree.parseWithXMLParser(data)), sourceLocation: sourceLocation)
        #expect(Pacs008Reader.read(data) == Pacs008Reader.read(XMLTree.parseWithXMLParser(data)), sourceLocation: sourceLocation)
    }

    // MARK: - Same trees

    @Test func everyWellFormedSampleReadsTheSameOnBothPaths() throws {
        let directory = try #require(BundledSeeds.directory).appendingPathComponent("iso20022")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names == ["malformed-count.xml", "malformed-currency.xml", "malformed-sort-code.xml", "malformed-truncated.xml",
                          "malformed-uetr.xml", "pacs008-held.xml", "pacs008-valid.xml"])
        for name in names where name != "malformed-truncated.xml" {
            try Self.expectFastPathMatches(try Data(contentsOf: directory.appendingPathComponent(name)))
        }
        Self.expectFallsBack(try Data(contentsOf: directory.appendingPathComponent("malformed-truncated.xml")))
    }

    @Test func threeHundredWrittenMessagesReadTheSameOnBothPaths() throws {
        var random = SplitMix64(seed: 20022)
        let names = ["Ada Whitlock", "O'Brien & Sons <Ltd>", "\"Quoted\" Ltd", "Zoë Müller", "Łukasz Żółć", "東京 Trading", "Tab\tName",
                     "Line\nBreak", "a]]>b", "Smile 🙂", "  padded  ", "x", "&amp; literally", "José O’Neill"]
        let references = ["", "INVOICE 42", "Rent > £1,000 & <fees>", "ünïcödé", String(repeating: "R", count: 140), "#&#;"]
        let amounts = ["0.01", "12.30", "1250.00", "875.5", "999999999999.99", "7", "40.00", "3.10", "12.345", "1e3"]
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in "0123456789".randomElement(using: &random) ?? "0" })
        }
        func hex(_ count: Int) -> String {
            String((0..<count).map { _ in "0123456789abcdef".randomElement(using: &random) ?? "0" })
        }
        func pick(_ texts: [String]) -> String {
            texts.randomElement(using: &random) ?? ""
        }
        func party() -> PaymentParty {
            // One sort code in ten has five digits, which the reader refuses.
            PaymentParty(sortCode: digits(Int.random(in: 0..<10, using: &random) == 0 ? 5 : 6), accountNumber: digits(8), name: pick(names))
        }
        var refused = 0
        for number in 0..<300 {
            let scheme = [Scheme.chaps, .fps, .bacs].randomElement(using: &random) ?? .chaps
            let messageId = "M\(number)-" + pick(names).prefix(20)
            let payments = try (0..<Int.random(in: 1...4, using: &random)).map { _ in
                let id = "\(hex(8))-\(hex(4))-4\(hex(3))-\(pick(["8", "9", "a", "b"]))\(hex(3))-\(hex(12))"
                #expect(Pacs008Reader.uetr(id) == UUID(uuidString: id))
                return InboundPaymentSentByScheme(
                    paymentId: try #require(UUID(uuidString: id)), scheme: scheme, amount: pick(amounts), from: party(), to: party(),
                    reference: pick(references), iso: IsoPaymentIds(messageId: messageId, endToEndId: "E2E-\(number)", uetr: id))
            }
            let data = Data(Pacs008Writer.document(payments, messageId: messageId, created: Date(timeIntervalSince1970: 1_780_000_000)).utf8)
            try Self.expectFastPathMatches(data)
            if case .failure = Pacs008Reader.read(data) { refused += 1 }
        }
        // Both accepted and refused messages are among them.
        #expect(refused > 30 && refused < 270)
    }

    @Test func referencesInTextAndAttributesReadTheSameOnBothPaths() throws {
        let text = String(decoding: try Pacs008ReaderTests.sample("pacs008-valid.xml"), as: UTF8.self)
            .replacingOccurrences(of: "Ccy=\"GBP\">1250.00", with: "Ccy='G&#66;&#x50;'  >1250.00")
            .replacingOccurrences(of: "Ada Whitlock", with: "Ada &lt;&gt;&amp;&quot;&apos; &#233;&#x1F642; Whitlock")
            .replacingOccurrences(of: "<ChrgBr>SHAR</ChrgBr>", with: "<ChrgBr note=\"a &amp; b &gt; c\" >SHAR</ChrgBr ><Empty/><Empty2 x='1' />")
        try Self.expectFastPathMatches(Data(text.utf8))
        let message = try Pacs008Reader.read(Data(text.utf8)).get()
        #expect(message.transactions.map(\.creditor.name) == ["Ada <>&\"' é🙂 Whitlock", "Silas Penhallow"])
    }

    // MARK: - Falling back

    @Test func everyCutOffMessageFallsBackToXMLParsersError() throws {
        let data = try Pacs008ReaderTests.sample("pacs008-valid.xml")
        let end = try #require(data.range(of: Data("</Document>".utf8))).upperBound
        for length in stride(from: 0, to: end, by: 11) {
            let cut = data.prefix(length)
            Self.expectFallsBack(cut)
            guard case .failure(let error) = Pacs008Reader.read(cut) else {
                Issue.record("a message cut at \(length) bytes was read")
                continue
            }
            #expect(error.reason.hasPrefix("not well-formed XML"))
        }
    }

    @Test(arguments: [
        ("</Cdtr>", "</Dbtr>"),
        ("<Nm>Ada Whitlock</Nm>", "<Nm>Ada Whitlock"),
        ("Ccy=\"GBP\"", "Ccy=\"GBP\" Ccy=\"GBP\""),
        ("Ccy=\"GBP\"", "Ccy=\"G<P\""),
        ("Ccy=\"GBP\"", "Ccy=GBP"),
        ("Ccy=\"GBP\">1250.00", "Ccy=\"GBP\"Ref=\"1\">1250.00"),
        ("Ada Whitlock", "Ada &nbsp; Whitlock"),
        ("Ada Whitlock", "Ada &#0; Whitlock"),
        ("Ada Whitlock", "Ada & Whitlock"),
        ("Ada Whitlock", "Ada ]]> Whitlock"),
        ("Ada Whitlock", "Ada \u{1} Whitlock"),
        ("<MsgId>", "<1MsgId>"),
    ])
    func malformedMessagesFallBackToXMLParsersError(old: String, new: String) throws {
        let data = try Pacs008ReaderTests.edited(old, new)
        Self.expectFallsBack(data)
        guard case .failure(let error) = Pacs008Reader.read(data) else {
            Issue.record("the malformed message was read")
            return
        }
        #expect(error.reason.hasPrefix("not well-formed XML"))
    }

    @Test(arguments: [
        ("<FIToFICstmrCdtTrf>", "<!-- a comment --><FIToFICstmrCdtTrf>"),
        ("Ada Whitlock", "<![CDATA[Ada Whitlock]]>"),
        ("<FIToFICstmrCdtTrf>", "<?note here?><FIToFICstmrCdtTrf>"),
        ("<Document xmlns=", "<!DOCTYPE Document>\n<Document xmlns="),
        ("\n", "\r\n"),
        ("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""),
        ("<Document xmlns=", "<p:Document xmlns:p=\"urn:p\" xmlns="),
        ("<Cdtr>", "<Cdtr xmlns=\"\">"),
        ("Ccy=\"GBP\"", "Ccy=\"G\tBP\""),
        ("Ccy=\"GBP\"", "xml:lang=\"en\" Ccy=\"GBP\""),
        // Not well formed, but Foundation's XMLParser on Linux stops at the root element's end.
        ("</Document>", "</Document><Document/>"),
        ("</Document>", "</Document>text"),
    ])
    func xmlOutsideTheSubsetFallsBackToXMLParser(old: String, new: String) throws {
        Self.expectFallsBack(try Pacs008ReaderTests.edited(old, new))
    }
}
