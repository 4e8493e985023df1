import Foundation

/// An event of the bank: a Codable value with a stable PascalCase, past-tense type name.
///
/// The one declaration of an event type: its name, its `BankEvent` case and, where the
/// processors' hot path needs it, a hand-written JSON codec. `BankEvent.Kind` lists each type
/// once; the decoders, `BankCodec.encode` and the type names all derive from these. Types with
/// the same fields are one generic declaration (`AccountStatusChange`, `PaymentHeld`,
/// `HeldPaymentDecided`) and a kind for each, which gives its name and case.
/// Data is JSON; the schema version lives in metadata (`EventMetadata.schemaVersion`).
public protocol BankEventType: Codable, Sendable, Hashable {
    /// The stored type name (`$et-{eventType}`).
    static var eventType: String { get }
    /// This event as its `BankEvent` case (no default: a new type must name its case).
    var wrapped: BankEvent { get }
    /// Whether the type has a hand-written JSON codec (the processors' hot path).
    static var hasFastJSON: Bool { get }
    /// Writes the event as `JSONEncoder.bank` would; false when it has no hand-written codec.
    func writeFastJSON(_ writer: inout JSONWriter) -> Bool
    /// Reads the event from a parsed object; nil when it has no hand-written codec or the
    /// object is not exactly this event (Foundation's decoder then decides).
    init?(fastJSON object: JSONObject)
}

extension BankEventType {
    public static var hasFastJSON: Bool { false }
    public func writeFastJSON(_ writer: inout JSONWriter) -> Bool { false }
    public init?(fastJSON object: JSONObject) { return nil }
}

/// The standard metadata every bank event carries, as EventStoreDB names it.
public struct EventMetadata: Codable, Sendable, Hashable {
    /// The payment id for payment events; otherwise the id of the originating command/event.
    public var correlationId: String
    /// The id of the event (or command) that caused this one.
    public var causationId: String
    /// Version of the event's data schema.
    public var schemaVersion: Int
    /// Who caused it (a processor identity, `operator:NAME`, `simulator`, `seed`).
    public var actor: String?
    /// An operator's action: their role then, host, OS user and process (nil for processors).
    public var origin: OperatorOrigin?

    public init(correlationId: String, causationId: String, schemaVersion: Int = 1, actor: String? = nil, origin: OperatorOrigin? = nil) {
        self.correlationId = correlationId
        self.causationId = causationId
        self.schemaVersion = schemaVersion
        self.actor = actor
        self.origin = origin
    }

    enum CodingKeys: String, CodingKey {
        case correlationId = "$correlationId"
        case causationId = "$causationId"
        case schemaVersion
        case actor
        case origin
    }
}

/// A party to a payment as the scheme presented it: raw text, not yet validated.
public struct PaymentParty: Codable, Sendable, Hashable {
    public var sortCode: String
    public var accountNumber: String
    public var name: String

    public init(sortCode: String, accountNumber: String, name: String) {
        self.sortCode = sortCode
        self.accountNumber = accountNumber
        self.name = name
    }

    /// The party of `account` (its digits, no dashes), named `name`.
    public init(_ account: AccountID, name: String) {
        self.init(sortCode: account.sortCode.digits, accountNumber: account.accountNumber.digits, name: name)
    }

    /// The parsed account, if both fields are well formed.
    public var account: AccountID? { AccountID(sortCode: sortCode, accountNumber: accountNumber) }
}
