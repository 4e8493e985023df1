import Foundation

/// One entry of the sanctioned-names list: a primary name and its aliases.
public struct SanctionedEntry: Codable, Sendable, Hashable {
    /// Stable identifier of the list entry (e.g. `SN-0003`, or `OFAC-36` for OFAC's ent_num 36).
    public var entryId: String
    public var name: String
    public var aliases: [String]
    /// OFAC's list number (`ent_num`), for entries imported from the SDN list.
    public var listNumber: Int?
    /// `individual`, `entity`, `vessel` or `aircraft` (imported entries).
    public var kind: String?
    /// The sanctions programmes, e.g. `["IRAN", "SDGT"]` (imported entries).
    public var programs: [String]?

    public init(entryId: String, name: String, aliases: [String], listNumber: Int? = nil, kind: String? = nil, programs: [String]? = nil) {
        self.entryId = entryId
        self.name = name
        self.aliases = aliases
        self.listNumber = listNumber
        self.kind = kind
        self.programs = programs
    }
}

/// `SanctionedNames`: a name (with aliases) was added to the list.
public struct SanctionedNameAdded: BankEventType {
    public static let eventType = "SanctionedNameAdded"
    public var wrapped: BankEvent { .sanctionedNameAdded(self) }
    public var entry: SanctionedEntry
    public var by: String
    /// True when the entry was already listed and this replaces it (an import's "changed").
    public var changed: Bool?

    public init(entry: SanctionedEntry, by: String, changed: Bool? = nil) {
        self.entry = entry
        self.by = by
        self.changed = changed
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
///
/// A large list (OFAC's) does not fit in one event: its snapshot is `parts` events appended
/// together, part 1…parts, each with a slice of the entries; nil `part` means a whole snapshot.
public struct SanctionsListSnapshotTaken: BankEventType {
    public static let eventType = "SanctionsListSnapshotTaken"
    public var wrapped: BankEvent { .sanctionsListSnapshotTaken(self) }
    public var version: Int64
    public var entries: [SanctionedEntry]
    public var part: Int?
    public var parts: Int?

    public init(version: Int64, entries: [SanctionedEntry], part: Int? = nil, parts: Int? = nil) {
        self.version = version
        self.entries = entries
        self.part = part
        self.parts = parts
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
    /// The entry's type (`individual`, `entity`, …) when the list gives one (OFAC's does).
    public var entryKind: String?
    /// The entry's sanctions programmes when the list gives them.
    public var programs: [String]?
    /// The entry's number on its list (OFAC's `ent_num`) when it has one.
    public var listNumber: Int?

    public init(role: Role, name: String, matched: String, entryId: String, entryName: String, score: Double,
                entryKind: String? = nil, programs: [String]? = nil, listNumber: Int? = nil) {
        self.role = role
        self.name = name
        self.matched = matched
        self.entryId = entryId
        self.entryName = entryName
        self.score = score
        self.entryKind = entryKind
        self.programs = programs
        self.listNumber = listNumber
    }
}
