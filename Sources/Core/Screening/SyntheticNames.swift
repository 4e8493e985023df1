/// Deterministic fictional names for screening tests and benchmarks: a sanctions list and
/// payment names, some of them distorted copies of listed names (reordered, typo'd, accents
/// stripped or added, initials, missing middle names).
public struct SyntheticNames {
    private var random: SyntheticBankHistory.Random

    public init(seed: UInt64) { random = SyntheticBankHistory.Random(seed: seed) }

    static let given = ["Aleksandr", "Beatriz", "Cormac", "Dagny", "Emeka", "Faisal", "Giulia", "Hakon", "Ilse", "Joaquin",
                        "Kaveh", "Ludmila", "Mateus", "Nkechi", "Oskar", "Parisa", "Ramon", "Svetlana", "Tariq", "Ulrike",
                        "Valentin", "Wojciech", "Ximena", "Yevgeny", "Zainab", "Anselm", "Bronwen", "Cyprian", "Delphine",
                        "Eero", "Florian", "Greta", "Hiroshi", "Isidore", "Jovana", "Kasimir", "Leocadia", "Mirela", "Nestor"]
    static let family = ["Abramov", "Baptiste", "Cavendish", "Dragomir", "Esterhazy", "Fonseca", "Grigoryan", "Halloran",
                         "Ivanescu", "Jovanovic", "Kowalski", "Lindgren", "Markovic", "Nordstrom", "Oyelaran", "Petrosyan",
                         "Quintero", "Radovan", "Sokolova", "Tavares", "Uzunov", "Valdivia", "Wexford", "Yamamura", "Zelenko",
                         "Arkwright", "Bellweather", "Castellanos", "Delacroix", "Everhart", "Fitzgerald", "Gorecki",
                         "Holmberg", "Iordanou", "Jaramillo", "Kristiansen", "Lombardi", "Mendelsohn", "Navarrete"]
    static let onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                         "ch", "sh", "th", "br", "kr", "st", "tr", "gl", "pl", "dr", "vl", "zh"]
    static let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ee", "ia", "y"]
    static let codas = ["", "", "", "n", "r", "s", "l", "k", "nd", "rt", "ck", "ff", "tt", "sk", "v", "m"]

    mutating func pick(_ words: [String]) -> String { words[Int(random.next() % UInt64(words.count))] }

    /// A made-up word of 2–3 syllables, capitalised.
    public mutating func word() -> String {
        let count = 2 + Int(random.next() % 2)
        let text = (0..<count).map { _ in pick(Self.onsets) + pick(Self.vowels) + pick(Self.codas) }.joined()
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// A full name: given, optional middle, family. Family names are mostly invented and a
    /// third of given names too, so a large list is as diverse as a real one.
    public mutating func name() -> String {
        let family = random.next() % 8 == 0 ? pick(Self.family) : word()
        let middle = random.next() % 3 == 0 ? " " + givenName() : ""
        return givenName() + middle + " " + family
    }

    mutating func givenName() -> String {
        random.next() % 3 == 0 ? word() : pick(Self.given)
    }

    /// A list of `count` entries, a third with an alias.
    public mutating func list(count: Int) -> [SanctionedEntry] {
        (0..<count).map { index in
            let number = String(index + 1)
            return SanctionedEntry(entryId: "SN-" + String(repeating: "0", count: max(0, 5 - number.count)) + number,
                                   name: name(), aliases: random.next() % 3 == 0 ? [name()] : [])
        }
    }

    /// A distorted copy of `name`: words reordered, one letter changed, a middle name dropped,
    /// a given name cut to its initial, or upper-cased — one of these at random.
    public mutating func distort(_ name: String) -> String {
        var words = name.split(separator: " ").map(String.init)
        switch random.next() % 5 {
        case 0: words.reverse()
        case 1:
            let w = Int(random.next() % UInt64(words.count))
            var letters = Array(words[w])
            if letters.count > 3 {
                let i = 1 + Int(random.next() % UInt64(letters.count - 1))
                letters[i] = Character(String(UnicodeScalar(UInt8(97 + random.next() % 26))))
                words[w] = String(letters)
            }
        case 2: if words.count > 2 { words.remove(at: 1) }
        case 3: words[0] = String(words[0].prefix(1)) + "."
        default: words = words.map { $0.uppercased() }
        }
        return words.joined(separator: " ")
    }

    /// Payment names: `matchEvery`-th one a distorted listed name, the rest fresh names.
    public mutating func payments(count: Int, from list: [SanctionedEntry], matchEvery: Int = 20) -> [String] {
        (0..<count).map { index in
            if index % matchEvery == 0, !list.isEmpty {
                let entry = list[Int(random.next() % UInt64(list.count))]
                return distort(entry.aliases.first.flatMap { random.next() % 2 == 0 ? $0 : nil } ?? entry.name)
            }
            return name()
        }
    }
}
