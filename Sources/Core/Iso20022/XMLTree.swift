import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read into a small tree of elements, for the ISO 20022 reader: names without
/// their prefix, attributes, and the text directly inside. Read by `XMLBytesReader` when the
/// bytes are in the simple subset messages use, by Foundation's `XMLParser` otherwise.
///
/// Not a general XML model: comments, processing instructions and the order of text between
/// child elements are dropped. External entities are never resolved.
final class XMLTree {
    /// One element.
    final class Element {
        let name: String
        let namespace: String?
        let attributes: [String: String]
        var text = ""
        var children: [Element] = []

        init(name: String, namespace: String?, attributes: [String: String]) {
            self.name = name
            self.namespace = namespace
            self.attributes = attributes
        }

        /// The children called `name`, in document order.
        func children(_ name: String) -> [Element] {
            children.filter { $0.name == name }
        }

        /// The text inside, without the white space that pretty-printing puts around it.
        var value: String {
            // Foundation's trimming goes through NSString on Linux: trim the ASCII white space
            // here, and leave it only the text that may start or end with other white space.
            let utf8 = text.utf8
            let isSpace = { (byte: UInt8) in byte == 0x20 || (0x09...0x0D).contains(byte) }
            guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else {
                return ""
            }
            guard utf8[first] < 0x80, utf8[last] < 0x80 else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
            return String(text[first...last])
        }
    }

    /// Why the bytes are not a well-formed XML document.
    struct Malformed: Error, Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    /// Parses `data`; the root element, or where and why the XML is not well formed.
    ///
    /// `XMLBytesReader` first; whatever it is unsure of (and every malformed document) goes to
    /// `XMLParser`, so the tree and the errors are `XMLParser`'s either way.
    static func parse(_ data: Data) -> Result<Element, Malformed> {
        if let root = XMLBytesReader.parse(data) { return .success(root) }
        return parseWithXMLParser(data)
    }

    /// Parses `data` with Foundation's `XMLParser` only (what `parse` falls back to).
    static func parseWithXMLParser(_ data: Data) -> Result<Element, Malformed> {
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "no root element"
            return .failure(Malformed(line: parser.lineNumber, column: parser.columnNumber, reason: reason))
        }
        // Foundation's parser on Linux can report success for a document cut short: an element
        // still open at the end means the bytes stopped inside it.
        if let open = builder.stack.last {
            return .failure(Malformed(line: parser.lineNumber, column: parser.columnNumber, reason: "the document ends inside <\(open.name)>"))
        }
        return .success(root)
    }

    /// Builds the tree from the parser's callbacks (used by one parse, on one thread).
    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                    attributes attributeDict: [String: String] = [:]) {
            let element = Element(name: elementName, namespace: namespaceURI, attributes: attributeDict)
            if let parent = stack.last {
                parent.children.append(element)
            } else if root == nil {
                root = element
            }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
