import Foundation

/// Which payment scheme carried a payment.
public enum Scheme: String, Hashable, Sendable, Codable, CaseIterable {
    case bacs = "Bacs"
    case fps = "Fps"
    case chaps = "Chaps"

    /// Parses `bacs`, `FPS`, `Chaps` ... case-insensitively.
    public init?(name: String) {
        guard let scheme = Scheme.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else { return nil }
        self = scheme
    }
}

/// Direction of a payment, relative to this bank.
public enum PaymentDirection: String, Hashable, Sendable, Codable {
    case inbound
    case outbound
}

/// Every stream the bank writes, named by one type (message-db's `category-id` grammar).
///
/// The owning domain of each is in `owner`; the store refuses a domain writing another's.
public enum BankStream: Hashable, Sendable, CustomStringConvertible {
    case account(AccountID)
    case ledger(AccountID)
    case sanctionedNames
    case sanctionsSnapshots
    case payment(PaymentDirection, UUID)
    case scheme(Scheme)
    /// Who may operate the bank, with which role.
    case operators
    /// The bank's settings, such as the four-eyes threshold.
    case settings
    /// A scheduled or standing outbound payment (`ScheduledPayments-{id}`).
    case schedule(UUID)

    /// The stream's name, built with one allocation (every processor step names streams).
    public var name: String {
        switch self {
        case .account(let id): Self.name("Accounts-", id)
        case .ledger(let id): Self.name("Ledger-", id)
        case .sanctionedNames: "SanctionedNames"
        case .sanctionsSnapshots: "SanctionedNamesSnapshots"
        case .payment(let direction, let id): Self.name(Self.paymentPrefix(direction), id)
        case .scheme(let scheme): "Scheme-\(scheme.rawValue)"
        case .operators: "Operators"
        case .settings: "BankSettings"
        case .schedule(let id): Self.name("ScheduledPayments-", id)
        }
    }

    /// `{prefix}{sort code}-{account number}`.
    private static func name(_ prefix: StaticString, _ id: AccountID) -> String {
        var sortCode = id.sortCode.digits
        var accountNumber = id.accountNumber.digits
        return sortCode.withUTF8 { sortCode in
            accountNumber.withUTF8 { accountNumber in
                let length = prefix.utf8CodeUnitCount + sortCode.count + 1 + accountNumber.count
                return String(unsafeUninitializedCapacity: length) { buffer in
                    var end = prefix.withUTF8Buffer { buffer.initialize(from: $0).1 }
                    end = UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: sortCode).1 + end
                    buffer[end] = 0x2D
                    end += 1
                    end = UnsafeMutableBufferPointer(rebasing: buffer[end...]).initialize(from: accountNumber).1 + end
                    return end
                }
            }
        }
    }

    /// The start of a payment stream's name, before its id.
    private static func paymentPrefix(_ direction: PaymentDirection) -> StaticString {
        direction == .inbound ? "Payments-Inbound-" : "Payments-Outbound-"
    }

    /// Whether `name` is this stream's name; a payment stream's is checked without making its
    /// name (an allocation the processors would otherwise pay at every step of a payment).
    public func isNamed(_ name: String) -> Bool {
        guard case .payment(let direction, let id) = self else { return self.name == name }
        let prefix = Self.paymentPrefix(direction)
        var name = name
        return name.withUTF8 { bytes in
            guard bytes.count == prefix.utf8CodeUnitCount + 36, let start = bytes.baseAddress else { return false }
            return prefix.withUTF8Buffer { prefix in
                guard let prefixStart = prefix.baseAddress, memcmp(start, prefixStart, prefix.count) == 0 else { return false }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { digits in
                    id.writeLowercased(into: digits)
                    guard let digitsStart = digits.baseAddress else { return false }
                    return memcmp(start + prefix.count, digitsStart, 36) == 0
                }
            }
        }
    }

    /// `{prefix}{lower-case uuid}`.
    private static func name(_ prefix: StaticString, _ id: UUID) -> String {
        String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + 36) { buffer in
            let end = prefix.withUTF8Buffer { buffer.initialize(from: $0).1 }
            id.writeLowercased(into: UnsafeMutableBufferPointer(rebasing: buffer[end...]))
            return end + 36
        }
    }

    public var description: String { name }

    /// The category (`$ce-` name without the prefix).
    public var category: String { bankCategory.rawValue }

    /// Parses a stream name back; nil for streams that are not the bank's.
    public init?(name: String) {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        switch parts.first {
        case "Accounts" where parts.count == 3:
            guard let id = AccountID(sortCode: parts[1], accountNumber: parts[2]) else { return nil }
            self = .account(id)
        case "Ledger" where parts.count == 3:
            guard let id = AccountID(sortCode: parts[1], accountNumber: parts[2]) else { return nil }
            self = .ledger(id)
        case "SanctionedNames" where parts.count == 1: self = .sanctionedNames
        case "SanctionedNamesSnapshots" where parts.count == 1: self = .sanctionsSnapshots
        case "Operators" where parts.count == 1: self = .operators
        case "BankSettings" where parts.count == 1: self = .settings
        case "Payments" where parts.count >= 3:
            let direction: PaymentDirection
            switch parts[1] {
            case "Inbound": direction = .inbound
            case "Outbound": direction = .outbound
            default: return nil
            }
            guard let id = UUID(uuidString: parts[2...].joined(separator: "-")) else { return nil }
            self = .payment(direction, id)
        case "ScheduledPayments" where parts.count >= 2:
            guard let id = UUID(uuidString: parts[1...].joined(separator: "-")) else { return nil }
            self = .schedule(id)
        case "Scheme" where parts.count == 2:
            guard let scheme = Scheme(rawValue: parts[1]) else { return nil }
            self = .scheme(scheme)
        default:
            return nil
        }
    }
}
