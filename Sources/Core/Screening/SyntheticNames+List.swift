import Foundation

extension SyntheticNames {
    static let brands = """
        Golden Northern Eastern Global United Royal Crescent Baltic Caspian Pacific Atlantic Orient Emerald Falcon Phoenix
        Orion Polaris Sirius Zenith Meridian Horizon Summit Pioneer Vanguard Sovereign Imperial Noor Amal Baraka Rawda
        Salam Taedong Mirae Hanil Arctic Siberian Ural Volga Amur Persian Gulf Levant Sahara Andes Caribbean Delta Apex
        Titan Atlas Aurora Nova Stellar Lotus Jade Dragon Tiger Eagle Cedar Olive Palm Pearl Coral Onyx Cobalt Granite
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let sectors = """
        Trading Shipping Maritime Petroleum Logistics Industries Holdings Investments Import_Export General_Trading
        Shipping_Lines Bank Exchange Metals Mining Aviation Construction Engineering Chemicals Technology Finance Capital
        Group Enterprises Tankers Oil_and_Gas Commercial_Bank Insurance Electronics Machinery
        """.split(whereSeparator: \.isWhitespace).map { String($0.map { $0 == "_" ? " " : $0 }) }
    static let legalForms = ["LLC", "Ltd", "FZE", "FZCO", "JSC", "OJSC", "Co", "SA", "GmbH", "Limited", "Corporation", "Company"]

    /// A list of `count` entries (`SN-00001`…): people of the listed traditions and entities;
    /// about half have aliases.
    public mutating func list(count: Int) -> [SanctionedEntry] {
        (0..<count).map { index in
            let number = String(index + 1)
            let id = "SN-" + String(repeating: "0", count: max(0, 5 - number.count)) + number
            let culture = pick(Self.listMix)
            let name = culture.map { person($0, middlePercent: 55, tailPercent: 60) } ?? entity()
            var aliases: [String] = []
            if chance(50) {
                aliases.append(alias(of: name, culture: culture))
                if chance(30) { aliases.append(alias(of: name, culture: culture)) }
            }
            return SanctionedEntry(entryId: id, name: name, aliases: aliases.filter { $0 != name })
        }
    }

    /// A listed entity: `Caspian Pearl Shipping FZE`, `Rostami Trading Co`.
    mutating func entity() -> String {
        let brand: String
        switch below(3) {
        case 0: brand = surname(pick([NameCulture.arabic, .persian, .russian, .chinese]))
        case 1: brand = pick(Self.brands) + " " + pick(Self.brands)
        default: brand = pick(Self.brands)
        }
        return brand + " " + pick(Self.sectors) + (chance(80) ? " " + pick(Self.legalForms) : "")
    }

    /// Another name the same entry is known by.
    mutating func alias(of name: String, culture: NameCulture?) -> String {
        var words = name.split(separator: " ").map(String.init)
        guard let culture else {
            // Entities: a trading name without the legal form, a transliteration, or a former name.
            switch below(3) {
            case 0 where words.count > 2: return words.dropLast().joined(separator: " ")
            case 1: return transliterate(name)
            default: return entity()
            }
        }
        switch below(10) {
        case 0, 1, 2, 3: return transliterate(name)
        case 4...5 where words.count > 2:
            words.remove(at: 1)
            return words.joined(separator: " ")
        case 6, 7:
            // A nom de guerre: `Abu Karim`, or another name of the same tradition.
            if culture.middle == .lineage || culture.surnames.contains("Hosseini") {
                return "Abu " + pick(Array(culture.given.prefix(culture.given.count - culture.women.count)))
            }
            return person(culture, middlePercent: 20)
        default:
            // Initials, for names with a middle name and a surname long enough to identify:
            // `V. A. Drozdov` (particles such as `bin` go).
            let surname = words[words.count - 1]
            let initials = words.dropLast().filter { !["bin", "bint"].contains($0) }.map { String($0.prefix(1)) + "." }
            guard words.count > 2, surname.count > 4 else { return transliterate(name) }
            return (initials + [surname]).joined(separator: " ")
        }
    }

    /// Transliteration variants, tried from a random start until one applies.
    static let spellings: [(String, String)] = [
        ("mohammed", "muhammad"), ("muhammad", "mohamed"), ("mohammad", "mohamad"), ("yusuf", "youssef"), ("ks", "x"),
        ("x", "ks"), ("ei", "ey"), ("ey", "ei"), ("ou", "u"), ("kh", "h"), ("ph", "f"), ("ov", "off"), ("ev", "eff"),
        ("sh", "sch"), ("yu", "iu"), ("ya", "ia"), ("zh", "j"), ("ee", "i"), ("oo", "u"), ("q", "k"), ("w", "v"),
        ("dh", "d"), ("ch", "tch"), ("y", "i"), ("i", "y"), ("u", "ou"), ("c", "k"), ("j", "dj"), ("e", "a"),
    ]

    /// `name` with one word spelt as another transliteration would spell it.
    mutating func transliterate(_ name: String) -> String {
        var words = name.split(separator: " ").map(String.init)
        let w = below(words.count)
        let lower = words[w].lowercased()
        let start = below(Self.spellings.count)
        for k in 0..<Self.spellings.count {
            let (from, to) = Self.spellings[(start + k) % Self.spellings.count]
            guard let range = lower.range(of: from) else { continue }
            let spelt = lower.replacingCharacters(in: range, with: to)
            words[w] = spelt.prefix(1).uppercased() + spelt.dropFirst()
            return words.joined(separator: " ")
        }
        return name
    }
}
