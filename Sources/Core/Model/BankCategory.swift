/// The categories of the bank's own streams (`BankStream.category`): written only by the bank's
/// commands and processors, each through its domain's `DomainWriter`, never by a raw append.
///
/// The one place that says which stream names are the bank's; `BankStream.category` is derived
/// from it, and the command line refuses `append`/`import` to any stream in one of these.
public enum BankCategory: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case accounts = "Accounts"
    case ledger = "Ledger"
    case sanctionedNames = "SanctionedNames"
    case sanctionsSnapshots = "SanctionedNamesSnapshots"
    case payments = "Payments"
    case scheme = "Scheme"
    case operators = "Operators"
    case settings = "BankSettings"
    case scheduledPayments = "ScheduledPayments"

    public var description: String { rawValue }

    /// The bank category a stream name falls in: the part before its first `-` (the whole name
    /// when it has none), matched exactly; nil for streams that are not the bank's.
    ///
    /// Wider than `BankStream(name:)`: `Ledger-anything` is in the bank's category even where it
    /// does not parse as one of its streams, so nothing can be slipped into `$ce-Ledger`.
    ///
    /// Compares bytes without building a string: the read models and processors ask for every
    /// event.
    public init?(streamName name: String) {
        var name = name
        let found = name.withUTF8 { bytes -> BankCategory? in
            let end = bytes.firstIndex(of: UInt8(ascii: "-")) ?? bytes.endIndex
            let prefix = UnsafeBufferPointer(rebasing: bytes[..<end])
            return Self.allCases.first { category in
                var raw = category.rawValue
                return raw.withUTF8 { $0.elementsEqual(prefix) }
            }
        }
        guard let found else { return nil }
        self = found
    }
}
