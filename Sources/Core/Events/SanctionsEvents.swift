import Foundation

/// One entry of the sanctioned-names list: a primary name and its aliases.
public struct SanctionedEntry: Codable, Sendable, Hashable {
    /// Stable identifier of the list entry (e.g. `SN-0003`).
    public var entryId: String
    public var name: String
    public var aliases: [String]

    public init(entryId: String, name: String, aliases: [String]) {
        self.entryId = entryId
        self.name = name
        self.aliases = aliases
    }
}

/// `SanctionedNames`: a name (with aliases) was added to the list.
public struct SanctionedNameAdded: BankEventType {
    public static let eventType = "SanctionedNameAdded"
    public var wrapped: BankEvent { .sanctionedNameAdded(self) }
    public var entry: SanctionedEntry
    public var by: String

    public init(entry: SanctionedEntry, by: String) {
        self.entry = entry
        self.by = by
    }
}

/// `SanctionedNames`: an entry was removed from the list.
public struct SanctionedNameRemoved: BankEventType {
    public static let eventType = "SanctionedNameRemoved"
    public var wrapped: BankEvent { .sanctionedNameRemoved(self) }
    public var entryId: String
    public var name: String
    public var by: String

    public init(entryId: String, name: String, by: String) {
        self.entryId = entryId
        self.name = name
        self.by = by
    }
}

/// `SanctionedNamesSnapshots`: the whole list as of `SanctionedNames` version `version`,
/// so loading it does not replay all history.
public struct SanctionsListSnapshotTaken: BankEventType {
    public static let eventType = "SanctionsListSnapshotTaken"
    public var wrapped: BankEvent { .sanctionsListSnapshotTaken(self) }
    public var version: Int64
    public var entries: [SanctionedEntry]

    public init(version: Int64, entries: [SanctionedEntry]) {
        self.version = version
        self.entries = entries
    }
}

/// Which screened name matched which list entry, and how closely.
public struct ScreeningMatch: Codable, Sendable, Hashable {
    public enum Role: String, Codable, Sendable, Hashable {
        case originator
        case beneficiary
        case accountHolder
    }

    public var role: Role
    /// The name as it appeared on the payment.
    public var name: String
    /// The list name (primary or alias) it matched.
    public var matched: String
    public var entryId: String
    /// The entry's primary name (differs from `matched` when an alias matched).
    public var entryName: String
    /// Similarity in 0...1.
    public var score: Double

    public init(role: Role, name: String, matched: String, entryId: String, entryName: String, score: Double) {
        self.role = role
        self.name = name
        self.matched = matched
        self.entryId = entryId
        self.entryName = entryName
        self.score = score
    }
}
