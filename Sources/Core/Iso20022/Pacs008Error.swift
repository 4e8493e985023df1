/// Why a `pacs.008` message was refused: the element that is wrong, as a path from the
/// document's root element down (`FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt`), and what
/// is wrong with it. Nothing of a refused message is written.
public struct Pacs008Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// The element's path (`Document` for the root itself, `line 3 column 7` when the bytes
    /// are not well-formed XML).
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
