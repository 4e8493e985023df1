import Foundation

/// OFAC's Specially Designated Nationals list read from its legacy CSV files (`sdn.csv` and
/// its alias file `alt.csv`) as the bank's sanctions entries, with what was skipped and why.
///
/// An entry's id is `OFAC-{ent_num}`; it keeps the name as OFAC writes it (`SURNAME, Given`
/// for individuals), its type (`individual`, `entity`, `vessel`, `aircraft`), its programmes
/// (`IRAN] [SDGT` becomes `["IRAN", "SDGT"]`) and its aliases (a.k.a., f.k.a., n.k.a.). An
/// alias whose `ent_num` is not in the SDN file belongs to a later list and is skipped, counted.
public struct OFACList: Sendable, Hashable {
    /// A line that was not read, with its file and line number.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var reason: String

        public var description: String { "\(file):\(line): \(reason)" }
    }

    public var entries: [SanctionedEntry]
    /// Malformed lines, skipped.
    public var issues: [Issue]
    /// Aliases read and attached to an entry.
    public var aliasCount: Int
    /// Aliases whose entry is not in the SDN file.
    public var orphanAliases: Int

    /// Parses the SDN file's bytes and, optionally, the alias file's.
    public init(sdn: [UInt8], sdnName: String = "sdn.csv", aliases: [UInt8]? = nil, aliasesName: String = "alt.csv") {
        var entries: [SanctionedEntry] = []
        var issues: [Issue] = []
        var lineOf: [Int: Int] = [:]
        var indexOf: [Int: Int] = [:]
        for record in OFACRecords.records(sdn) {
            func bad(_ reason: String) { issues.append(Issue(file: sdnName, line: record.line, reason: reason)) }
            guard case let (number, fields)? = record.numbered(fields: 12, bad) else { continue }
            guard let name = fields[1], !name.isEmpty else { bad("SDN_Name is empty"); continue }
            let kind: String
            switch fields[2]?.lowercased() {
            case nil: kind = "entity"
            case let type? where type == "individual" || type == "vessel" || type == "aircraft": kind = type
            case let other?: bad("SDN_Type \"\(other)\" is not individual, vessel, aircraft or -0-"); continue
            }
            if let first = lineOf[number] { bad("ent_num \(number) is listed twice (first on line \(first))"); continue }
            lineOf[number] = record.line
            indexOf[number] = entries.count
            entries.append(SanctionedEntry(entryId: "OFAC-\(number)", name: name, aliases: [], listNumber: number, kind: kind,
                                           programs: Self.programs(fields[3])))
        }
        var aliasCount = 0
        var orphans = 0
        if let aliases {
            for record in OFACRecords.records(aliases) {
                func bad(_ reason: String) { issues.append(Issue(file: aliasesName, line: record.line, reason: reason)) }
                guard case let (number, fields)? = record.numbered(fields: 5, bad) else { continue }
                guard let type = fields[2]?.lowercased(), ["aka", "fka", "nka"].contains(type) else {
                    bad("alt_type \(Self.shown(fields[2])) is not aka, fka or nka"); continue
                }
                guard let name = fields[3], !name.isEmpty else { bad("alt_name is empty"); continue }
                guard let index = indexOf[number] else { orphans += 1; continue }
                if !entries[index].aliases.contains(name) && entries[index].name != name {
                    entries[index].aliases.append(name)
                    aliasCount += 1
                }
            }
        }
        self.entries = entries
        self.issues = issues
        self.aliasCount = aliasCount
        self.orphanAliases = orphans
    }

    /// `IRAN] [SDGT` → `["IRAN", "SDGT"]`; null → `[]`.
    static func programs(_ field: String?) -> [String] {
        guard let field else { return [] }
        return field.components(separatedBy: "] [").map { $0.trimmingSpaces.trimmingBrackets }.filter { !$0.isEmpty }
    }

    static func shown(_ field: String?) -> String {
        guard let field else { return "-0-" }
        return "\"\(field.prefix(40))\""
    }
}

extension String {
    /// Without a leading `[` and trailing `]`.
    var trimmingBrackets: String {
        var text = Substring(self)
        if text.first == "[" { text = text.dropFirst() }
        if text.last == "]" { text = text.dropLast() }
        return String(text)
    }
}

extension OFACList {
    /// The list shipped in `seeds/sanctions/` (SDN of 2024-05-03 with the mid-2026 aliases).
    public static func bundled() throws(SeedError) -> OFACList {
        guard let directory = BundledSeeds.directory?.appendingPathComponent("sanctions") else { throw .missingFile("seeds/sanctions") }
        func read(_ name: String) throws(SeedError) -> [UInt8] {
            do {
                return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
            } catch {
                throw .missingFile(directory.appendingPathComponent(name).path)
            }
        }
        return OFACList(sdn: try read("ofac-sdn.csv"), sdnName: "ofac-sdn.csv", aliases: try read("ofac-alt.csv"), aliasesName: "ofac-alt.csv")
    }
}
