import Foundation

/// Reads the small, well-formed subset of XML that `pacs.008` messages use straight from the
/// UTF-8 bytes into an `XMLTree`, about ten times faster than Foundation's `XMLParser`.
///
/// The subset: an optional XML declaration (version 1.0, UTF-8), elements without prefixes in a
/// default namespace (`xmlns="…"`), unprefixed attributes, and text with the five predefined
/// entities and numeric character references. Anything else — a DTD, CDATA, a comment, a
/// processing instruction, a prefix, a carriage return, an attribute value that XML would
/// normalise, bytes that are not UTF-8 — and anything malformed makes it answer nil, *not* an
/// error: `XMLTree.parse` then reads the bytes with `XMLParser`, so the tree for the subset
/// and the errors for everything else are `XMLParser`'s. Not a validating or general parser.
struct XMLBytesReader {
    /// The bytes are outside the subset or not well formed: `XMLParser` decides.
    struct Unsure: Error {}

    /// An element still open, with where its name is in the bytes (for its end tag).
    private struct Open {
        let element: XMLTree.Element
        let nameStart: Int
        let nameEnd: Int
        let namespace: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The root element of `data`, or nil when `data` is outside the subset (or malformed).
    static func parse(_ data: Data) -> XMLTree.Element? {
        data.withUnsafeBytes { raw in
            var reader = XMLBytesReader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(Unsure) {
                return try reader.document()
            } catch {
                return nil
            }
        }
    }

    // MARK: - Document

    private mutating func document() throws(Unsure) -> XMLTree.Element {
        try checkEncoding()
        if startsWith("<?xml") { try declaration() }
        skipSpace()
        guard peek() == UInt8(ascii: "<") else { throw Unsure() }
        let root = try elements()
        skipSpace()
        guard index == bytes.count else { throw Unsure() }
        return root
    }

    /// Every byte is ASCII, or the whole is valid UTF-8 without the non-characters U+FFFE and
    /// U+FFFF (which XML does not allow and `String` would keep).
    private func checkEncoding() throws(Unsure) {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw Unsure() }
        var position = 0
        while position + 2 < bytes.count {
            if bytes[position] == 0xEF, bytes[position + 1] == 0xBF, bytes[position + 2] >= 0xBE { throw Unsure() }
            position += 1
        }
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, encoding and standalone optional.
    private mutating func declaration() throws(Unsure) {
        index += 5
        guard try requireSpace(), try name() == "version", try equalsQuoted() == "1.0" else { throw Unsure() }
        var spaced = skipSpace()
        if spaced, peek() == UInt8(ascii: "e") {
            guard try name() == "encoding", try equalsQuoted().lowercased() == "utf-8" else { throw Unsure() }
            spaced = skipSpace()
        }
        if spaced, peek() == UInt8(ascii: "s") {
            let standalone = try name() == "standalone" ? try equalsQuoted() : ""
            guard standalone == "yes" || standalone == "no" else { throw Unsure() }
            skipSpace()
        }
        guard startsWith("?>") else { throw Unsure() }
        index += 2
    }

    // MARK: - Elements

    /// The element that starts at `index` and everything inside it, without recursion.
    private mutating func elements() throws(Unsure) -> XMLTree.Element {
        var stack: [Open] = []
        var root: XMLTree.Element?
        repeat {
            // At a `<` that starts a tag.
            index += 1
            switch peek() {
            case UInt8(ascii: "/"):
                index += 1
                guard let open = stack.popLast() else { throw Unsure() }
                let start = index
                try skipName()
                guard bytes[start..<index].elementsEqual(bytes[open.nameStart..<open.nameEnd]) else { throw Unsure() }
                skipSpace()
                guard peek() == UInt8(ascii: ">") else { throw Unsure() }
                index += 1
            case UInt8(ascii: "!"), UInt8(ascii: "?"):
                throw Unsure()
            default:
                let (open, isEmpty) = try startTag(inside: stack.last?.namespace)
                if let parent = stack.last {
                    parent.element.children.append(open.element)
                } else {
                    root = open.element
                }
                if !isEmpty { stack.append(open) }
            }
            if let open = stack.last {
                try text(into: open.element)
            }
        } while !stack.isEmpty
        guard let root else { throw Unsure() }
        return root
    }

    /// `<Name attribute="value" …>` or `…/>` from just after the `<`.
    private mutating func startTag(inside namespace: String?) throws(Unsure) -> (Open, isEmpty: Bool) {
        let nameStart = index
        let elementName = try name()
        let nameEnd = index
        var namespace = namespace
        var attributes: [String: String] = [:]
        var declaresNamespace = false
        while true {
            let spaced = skipSpace()
            switch peek() {
            case UInt8(ascii: ">"), UInt8(ascii: "/"):
                let isEmpty = peek() == UInt8(ascii: "/")
                if isEmpty {
                    index += 1
                    guard peek() == UInt8(ascii: ">") else { throw Unsure() }
                }
                index += 1
                guard let namespace else { throw Unsure() }
                let element = XMLTree.Element(name: elementName, namespace: namespace, attributes: attributes)
                return (Open(element: element, nameStart: nameStart, nameEnd: nameEnd, namespace: namespace), isEmpty)
            default:
                guard spaced else { throw Unsure() }
                let attribute = try name()
                let value = try equalsQuoted()
                if attribute == "xmlns" {
                    guard !declaresNamespace, isPlainNamespace(value) else { throw Unsure() }
                    declaresNamespace = true
                    namespace = value
                } else {
                    guard attributes.updateValue(value, forKey: attribute) == nil else { throw Unsure() }
                }
            }
        }
    }

    /// A namespace name written without references or anything odd: printable ASCII.
    private func isPlainNamespace(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "&") && $0 != UInt8(ascii: "<") }
    }

    /// The text up to the next tag, appended to `element`'s; leaves `index` at the `<`.
    private mutating func text(into element: XMLTree.Element) throws(Unsure) {
        var start = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"):
                append(start..<index, to: element)
                return
            case UInt8(ascii: "&"):
                append(start..<index, to: element)
                element.text.unicodeScalars.append(try reference())
                start = index
            case UInt8(ascii: ">"):
                // `]]>` may not appear in text.
                if index >= 2, bytes[index - 1] == UInt8(ascii: "]"), bytes[index - 2] == UInt8(ascii: "]") { throw Unsure() }
                index += 1
            case 0x09, 0x0A, 0x20...:
                index += 1
            default:
                // A carriage return (which XML turns into a line feed) or a control character.
                throw Unsure()
            }
        }
        // The document ends inside an element.
        throw Unsure()
    }

    private func append(_ range: Range<Int>, to element: XMLTree.Element) {
        guard !range.isEmpty else { return }
        element.text += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Pieces

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#NN;` or `&#xHH;` from the `&`.
    private mutating func reference() throws(Unsure) -> Unicode.Scalar {
        index += 1
        guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")), end > index else { throw Unsure() }
        let body = UnsafeBufferPointer(rebasing: bytes[index..<end])
        index = end + 1
        if body[0] == UInt8(ascii: "#") {
            let isHex = body.count > 1 && body[1] == UInt8(ascii: "x")
            let digits = UnsafeBufferPointer(rebasing: body[(isHex ? 2 : 1)...])
            guard !digits.isEmpty, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: isHex ? 16 : 10),
                  digits.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }),
                  value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value),
                  let scalar = Unicode.Scalar(value) else { throw Unsure() }
            return scalar
        }
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: throw Unsure()
        }
    }

    /// A name of ASCII letters, digits, `_`, `-` and `.` that starts with a letter or `_`; a
    /// prefix (`:`) or any other character is outside the subset.
    private mutating func name() throws(Unsure) -> String {
        let start = index
        try skipName()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func skipName() throws(Unsure) {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                index += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard index > start else { throw Unsure() }
                index += 1
            default:
                guard index > start else { throw Unsure() }
                return
            }
        }
        throw Unsure()
    }

    /// `= "value"` (or single quotes), with the value's references read. A value XML would
    /// normalise (tab, line feed, carriage return) or with a `<` is outside the subset.
    private mutating func equalsQuoted() throws(Unsure) -> String {
        skipSpace()
        guard peek() == UInt8(ascii: "=") else { throw Unsure() }
        index += 1
        skipSpace()
        guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw Unsure() }
        index += 1
        var value = ""
        var start = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case quote:
                value += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return value
            case UInt8(ascii: "&"):
                value += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                value.unicodeScalars.append(try reference())
                start = index
            case UInt8(ascii: "<"), 0..<0x20:
                throw Unsure()
            default:
                index += 1
            }
        }
        throw Unsure()
    }

    /// Skips XML white space (space, tab, line feed; a carriage return is outside the subset);
    /// whether there was any.
    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 {
            index += 1
        }
        return index > start
    }

    private mutating func requireSpace() throws(Unsure) -> Bool {
        guard skipSpace() else { throw Unsure() }
        return true
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func startsWith(_ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { prefix in
            bytes.count - index >= prefix.count && bytes[index..<(index + prefix.count)].elementsEqual(prefix)
        }
    }
}
