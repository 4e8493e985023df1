import Store

/// Deterministic fictional names for screening tests and benchmarks, drawn from several naming
/// traditions (`NameCulture`): a sanctions list whose entries have realistic aliases
/// (transliterations, short forms, noms de guerre, initials), and payment names — mostly fresh
/// names of a bank's customers, some deliberately distorted copies of listed names.
public struct SyntheticNames {
    var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Who pays a UK bank: weights per tradition (nil: a business).
    static let customerMix: [(culture: NameCulture?, weight: Int)] = [
        (.english, 40), (.southAsian, 12), (.polish, 7), (.westAfrican, 7), (.chinese, 5), (.arabic, 6), (.hispanic, 4),
        (.romance, 5), (.germanic, 3), (.russian, 3), (.turkish, 2), (.persian, 2), (.korean, 1), (nil, 3),
    ]
    /// Who is sanctioned: weights per tradition (nil: an entity).
    static let listMix: [(culture: NameCulture?, weight: Int)] = [
        (.arabic, 22), (.russian, 17), (.persian, 10), (.korean, 6), (.chinese, 6), (.hispanic, 8), (.westAfrican, 5),
        (.turkish, 3), (.southAsian, 4), (.polish, 3), (.english, 2), (.germanic, 1), (.romance, 1), (nil, 12),
    ]

    // MARK: - Randomness

    mutating func below(_ count: Int) -> Int { Int(random.next() % UInt64(max(1, count))) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func pick(_ mix: [(culture: NameCulture?, weight: Int)]) -> NameCulture? {
        var roll = below(mix.reduce(0) { $0 + $1.weight })
        for (culture, weight) in mix {
            if roll < weight { return culture }
            roll -= weight
        }
        return mix[0].culture
    }

    // MARK: - Names

    /// A fresh payment name: a customer of one of the traditions, or a small business.
    public mutating func name() -> String {
        guard let culture = pick(Self.customerMix) else { return business() }
        return person(culture, middlePercent: 25)
    }

    /// A person's name in `culture`: given name, sometimes a middle name, surname.
    mutating func person(_ culture: NameCulture, middlePercent: Int, tailPercent: Int = 50) -> String {
        let given = givenName(culture)
        let woman = culture.women.contains(given)
        var surname = surname(culture, tailPercent: tailPercent)
        if culture.agrees && woman { surname = Self.feminine(surname) }
        var parts = [given]
        if chance(middlePercent) {
            switch culture.middle {
            case .none: break
            case .given:
                let middle = givenName(culture)
                if middle != given { parts.append(middle) }
            case .patronymic: parts.append(Self.patronymic(pick(Array(culture.given.prefix(culture.given.count - culture.women.count))), woman: woman))
            case .lineage: parts.append((woman ? "bint " : "bin ") + pick(Array(culture.given.prefix(culture.given.count - culture.women.count))))
            case .secondSurname: surname += " " + self.surname(culture, tailPercent: tailPercent)
            }
        }
        return (parts + [surname]).joined(separator: " ")
    }

    mutating func givenName(_ culture: NameCulture) -> String {
        if case .given(let joiner) = culture.tail, chance(40) {
            return pick(culture.stems) + joiner + pick(culture.endings)
        }
        return pick(culture.given)
    }

    /// A common surname, or (`tailPercent` of the time) one from the tradition's long tail:
    /// a stem, half the time a second stem, and an ending (`Bel` + `kamen` + `ov`).
    mutating func surname(_ culture: NameCulture, tailPercent: Int = 50) -> String {
        if case .surnames = culture.tail, !culture.endings.isEmpty, chance(tailPercent) {
            let infix = chance(50) ? pick(culture.stems).lowercased().filter { $0 != "-" && $0 != " " } : ""
            let stem = pick(culture.stems)
            return stem + (stem.hasPrefix("Al-") ? String(infix.dropFirst(2)) : infix) + pick(culture.endings)
        }
        return pick(culture.surnames)
    }

    /// `Ivanov` → `Ivanova`, `Kovalsky` → `Kovalskaya`; other forms do not change.
    static func feminine(_ surname: String) -> String {
        if surname.hasSuffix("sky") { return String(surname.dropLast(1)) + "aya" }
        if surname.hasSuffix("ov") || surname.hasSuffix("ev") || surname.hasSuffix("in") { return surname + "a" }
        return surname
    }

    /// `Ivan` → `Ivanovich` (`Ivanovna`), `Sergei` → `Sergeevich`.
    static func patronymic(_ father: String, woman: Bool) -> String {
        let soft = father.hasSuffix("i") || father.hasSuffix("y")
        let stem = soft ? String(father.dropLast()) : father
        return stem + (soft ? (woman ? "evna" : "evich") : (woman ? "ovna" : "ovich"))
    }

    static let places = """
        Thames Mersey Pennine Cotswold Highland Severn Avon Clyde Tyne Wessex Mercia Anglia Chiltern Solent Kestrel Oak
        Willow Riverside Harbour Meadow Brook Castle Northgate Southbank Greenfield Ashdown Redhill Fenland Moorland
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let trades = """
        Plumbing Electrical Builders Joinery Bakery Cafe Dental Pharmacy Motors Logistics Consulting Accountants Catering
        Cleaning Roofing Landscaping Florist Print Studio Vets Opticians Removals Glazing Tiling Decorators
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// A customer's business: `Thames Plumbing Ltd`, `Okafor & Sons`, `Patel Pharmacy`.
    mutating func business() -> String {
        let culture = pick(Self.customerMix).flatMap { $0 } ?? .english
        switch below(3) {
        case 0: return pick(Self.places) + " " + pick(Self.trades) + pick([" Ltd", " Limited", " LLP", ""])
        case 1: return surname(culture) + pick([" & Sons", " & Co", " and Partners", " Brothers"]) + pick([" Ltd", ""])
        default: return surname(culture) + " " + pick(Self.trades)
        }
    }

    // MARK: - Syllable words

    static let onsets = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                         "ch", "sh", "th", "br", "kr", "st", "tr", "gl", "pl", "dr", "vl", "zh"]
    static let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ee", "ia", "y"]
    static let codas = ["", "", "", "n", "r", "s", "l", "k", "nd", "rt", "ck", "ff", "tt", "sk", "v", "m"]

    /// A made-up word of 2–3 syllables, capitalised (for tests of word-level similarity).
    public mutating func word() -> String {
        let count = 2 + below(2)
        var text = ""
        for _ in 0..<count { text += pick(Self.onsets) + pick(Self.vowels) + pick(Self.codas) }
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
