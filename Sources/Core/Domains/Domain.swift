import Foundation

/// One of the bank's six domains. Each owns a set of streams and only it may write them.
public enum Domain: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case accounts = "Accounts"
    case ledger = "Ledger"
    case sanctions = "Sanctions"
    case payments = "Payments"
    case scheme = "Scheme"
    /// Who operates the bank and its settings.
    case administration = "Administration"

    public var description: String { rawValue }

    /// Whether this domain may write `stream`.
    public func owns(_ stream: BankStream) -> Bool { stream.owner == self }
}

extension BankStream {
    /// The domain that owns (and alone writes) this stream.
    public var owner: Domain {
        switch self {
        case .account: .accounts
        case .ledger: .ledger
        case .sanctionedNames, .sanctionsSnapshots: .sanctions
        case .payment, .schedule: .payments
        case .scheme: .scheme
        case .operators, .settings: .administration
        }
    }
}

/// Who writes: a domain plus the name of the processor, command handler or tool acting for it.
///
/// Recorded in every event's metadata (`actor`) and named in `EventStoreError.notOwner`.
public struct WriterIdentity: Sendable, Hashable, CustomStringConvertible {
    public let domain: Domain
    public let name: String
    /// `Payments/inbound-processor` (built once: every event a processor writes records it).
    public let description: String

    public init(domain: Domain, name: String) {
        self.domain = domain
        self.name = name
        description = "\(domain.rawValue)/\(name)"
    }
}
