import Store

/// Seeded test sets for screening against a real list (OFAC's): true variants of its entries,
/// as a payment would spell them, and ordinary UK customer names and company names that must
/// clear. Deterministic for a seed; used by `bank-bench screening` and the tests.
public struct RealListVariants {
    /// How a true variant differs from the list's spelling.
    public enum Kind: String, Sendable, CaseIterable {
        /// `PUTIN, Vladimir` → `Vladimir Putin` (given names first, as payments write them).
        case reorder
        /// All lower case, or Title Case.
        case letterCase
        /// One or two vowels given accents (`Vladímir`).
        case diacritics
        /// Commas, stops and hyphens dropped, spaces doubled.
        case punctuation
        /// A middle name left out.
        case missingMiddle
        /// One slip (a letter changed, dropped, doubled or two swapped) in a word of 8+ letters.
        case typo
        /// A common transliteration swapped (Mohammed/Muhammad, Abdel/Abdul, Yusuf/Yousef,
        /// Aleksandr/Alexander, -ov/-off).
        case transliteration
        /// A company's legal suffix changed (LTD ↔ LIMITED, LLC, CO.).
        case companySuffix
        /// One of the entry's aliases, as a payment would write it.
        case alias
    }

    /// One generated name and the entry it is a variant of.
    public struct Variant: Sendable, Hashable {
        public var name: String
        public var entryId: String
        public var kind: Kind
    }

    var random: SplitMix64
    let entries: [SanctionedEntry]

    public init(seed: UInt64, entries: [SanctionedEntry]) {
        random = SplitMix64(seed: seed)
        // Names a payment could carry: individuals and entities (vessels and aircraft are not payees).
        self.entries = entries.filter { $0.kind == "individual" || $0.kind == "entity" }
    }

    mutating func below(_ count: Int) -> Int { Int(random.next() % UInt64(Swift.max(1, count))) }

    /// `count` true variants, kinds in turn, each of an entry it applies to.
    public mutating func variants(count: Int) -> [Variant] {
        var result: [Variant] = []
        var attempts = 0
        while result.count < count, attempts < count * 50, !entries.isEmpty {
            attempts += 1
            let kind = Kind.allCases[result.count % Kind.allCases.count]
            let entry = entries[below(entries.count)]
            if let name = variant(of: entry, kind) { result.append(Variant(name: name, entryId: entry.entryId, kind: kind)) }
        }
        return result
    }

    /// `entry` written as a payment would, changed by `kind`; nil when the kind does not apply.
    mutating func variant(of entry: SanctionedEntry, _ kind: Kind) -> String? {
        let person = entry.kind == "individual"
        var words = Self.natural(entry.name, person: person)
        // Very long names never reach a payment (50 characters at most).
        guard words.joined(separator: " ").count <= 50, words.count >= 2 else { return nil }
        switch kind {
        case .reorder:
            guard person, entry.name.contains(",") else { return nil }
        case .letterCase:
            words = below(2) == 0 ? words.map { $0.lowercased() } : words.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
        case .diacritics:
            let accents: [Character: Character] = ["A": "Á", "E": "É", "I": "Í", "O": "Ö", "U": "Ü", "a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"]
            var changed = 0
            for index in words.indices where changed < 2 {
                if let position = words[index].firstIndex(where: { accents[$0] != nil }) {
                    words[index].replaceSubrange(position...position, with: String(accents[words[index][position]]!))
                    changed += 1
                }
            }
            guard changed > 0 else { return nil }
        case .punctuation:
            let text = words.joined(separator: "  ").filter { $0 != "," && $0 != "." && $0 != "'" }.replacingHyphens
            return text
        case .missingMiddle:
            guard person, words.count >= 3 else { return nil }
            words.remove(at: 1 + below(words.count - 2))
        case .typo:
            guard let index = words.indices.filter({ words[$0].count >= 8 && words[$0].allSatisfy(\.isLetter) }).randomElement(using: &random) else { return nil }
            words[index] = slip(words[index])
        case .transliteration:
            guard let swapped = Self.transliterate(words) else { return nil }
            words = swapped
        case .companySuffix:
            guard !person else { return nil }
            let suffixes = ["LTD", "LIMITED", "LLC", "CO.", "PLC"]
            if let last = words.last, suffixes.contains(last.uppercased()) || last.uppercased() == "LTD." {
                words[words.count - 1] = suffixes.filter { $0 != last.uppercased() }[below(suffixes.count - 1)]
            } else {
                words.append(suffixes[below(suffixes.count)])
            }
        case .alias:
            guard !entry.aliases.isEmpty else { return nil }
            words = Self.natural(entry.aliases[below(entry.aliases.count)], person: person)
            guard words.joined(separator: " ").count <= 50, words.count >= 2 else { return nil }
        }
        return words.joined(separator: " ")
    }

    /// One slip in `word`: a letter changed, dropped, doubled, or two neighbours swapped
    /// (never the first letter).
    mutating func slip(_ word: String) -> String {
        var letters = Array(word)
        let at = 1 + below(letters.count - 2)
        switch below(4) {
        case 0: letters[at] = letters[at] == "E" || letters[at] == "e" ? (letters[at].isUppercase ? "A" : "a") : (letters[at].isUppercase ? "E" : "e")
        case 1: letters.remove(at: at)
        case 2: letters.insert(letters[at], at: at)
        default: letters.swapAt(at, at + 1)
        }
        return String(letters)
    }

    /// A list name in the order a payment writes it: `SURNAME, Given` → `Given SURNAME`.
    static func natural(_ name: String, person: Bool) -> [String] {
        var text = name
        if person, let comma = name.firstIndex(of: ",") {
            text = String(name[name.index(after: comma)...]).trimmingSpaces + " " + String(name[..<comma])
        }
        return text.split(separator: " ").map(String.init)
    }

    /// Common transliteration pairs, both ways; -ov names also as -off.
    static let transliterations: [(String, String)] = [
        ("MOHAMMED", "MUHAMMAD"), ("MUHAMMAD", "MOHAMED"), ("MOHAMMAD", "MOHAMMED"), ("MOHAMED", "MOHAMMED"),
        ("ABDEL", "ABDUL"), ("ABDUL", "ABDEL"), ("YUSUF", "YOUSEF"), ("YOUSEF", "YUSUF"), ("YOUSSEF", "YUSUF"),
        ("ALEKSANDR", "ALEXANDER"), ("ALEXANDER", "ALEKSANDR"), ("ALEKSEY", "ALEXEI"), ("SERGEY", "SERGEI"),
        ("YEVGENIY", "EVGENY"), ("HUSSEIN", "HUSSAIN"), ("HUSSAIN", "HUSSEIN"), ("AHMAD", "AHMED"), ("AHMED", "AHMAD"),
    ]

    static func transliterate(_ words: [String]) -> [String]? {
        for (index, word) in words.enumerated() {
            let upper = word.uppercased()
            if let pair = transliterations.first(where: { $0.0 == upper }) {
                var result = words
                result[index] = word == upper ? pair.1 : pair.1.prefix(1) + pair.1.dropFirst().lowercased()
                return result
            }
            if upper.count >= 5, upper.hasSuffix("OV") || upper.hasSuffix("EV") {
                var result = words
                result[index] = String(word.dropLast()) + (word == upper ? "FF" : "ff")
                return result
            }
        }
        return nil
    }
}

extension String {
    /// Hyphens as spaces.
    var replacingHyphens: String { String(map { $0 == "-" ? " " : $0 }) }
}
