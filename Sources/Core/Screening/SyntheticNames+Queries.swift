/// One synthetic payment name: fresh, or a distorted copy of a listed name.
public struct SyntheticQuery: Sendable, Hashable {
    /// How a listed name was distorted.
    public enum Distortion: String, Sendable, Hashable, CaseIterable {
        case reorder, typo, accent, droppedMiddle, initial, upperCase
    }

    public let name: String
    /// The index in the list of the entry distorted (nil for a fresh name).
    public let source: Int?
    public let distortion: Distortion?
}

extension SyntheticNames {
    /// Payment names: every `matchEvery`-th a distorted listed name (primary or alias), the
    /// rest fresh names.
    ///
    /// A fresh name is never the same name as a listed one by the screening rules: its
    /// normalised words are not those of a list name or alias, in any order, nor those of one
    /// with words missing or added (`Lukasz Radinski` against `Lukasz Rafal Radinski`) —
    /// such a customer must be held, so counting them as false holds would measure the name
    /// pools' collisions rather than the scorer. Colliding names are drawn again.
    public mutating func queries(count: Int, from list: [SanctionedEntry], matchEvery: Int = 20) -> [SyntheticQuery] {
        let listedWords = ListedWords(list)
        return (0..<count).map { index in
            guard index % matchEvery == 0, !list.isEmpty else {
                var fresh = name()
                while listedWords.sameName(fresh) { fresh = name() }
                return SyntheticQuery(name: fresh, source: nil, distortion: nil)
            }
            let source = below(list.count)
            let entry = list[source]
            let listed = !entry.aliases.isEmpty && chance(40) ? pick(entry.aliases) : entry.name
            let (name, distortion) = distort(listed)
            return SyntheticQuery(name: name, source: source, distortion: distortion)
        }
    }

    /// The names of `queries(count:from:matchEvery:)`.
    public mutating func payments(count: Int, from list: [SanctionedEntry], matchEvery: Int = 20) -> [String] {
        queries(count: count, from: list, matchEvery: matchEvery).map(\.name)
    }

    /// A distorted copy of `name`, as a payer or a clerk would write it: words reordered
    /// (`Drozdov, Viktor`), one typing slip (a letter changed, swapped, lost or doubled — any
    /// letter, the first too), accents added, the middle name dropped, the given name cut to
    /// an initial, or all capitals. A fifth of them are also written in capitals.
    public mutating func distort(_ name: String) -> (name: String, distortion: SyntheticQuery.Distortion) {
        var words = name.split(separator: " ").map(String.init)
        var kind: SyntheticQuery.Distortion
        switch below(20) {
        case 0..<4: kind = .reorder
        case 4..<10: kind = .typo
        case 10..<13: kind = .accent
        case 13..<16: kind = words.count > 2 ? .droppedMiddle : .typo
        case 16..<18: kind = words.count > 1 ? .initial : .typo
        default: kind = .upperCase
        }
        if kind == .typo && !words.contains(where: { $0.count > 3 }) { kind = .accent }
        switch kind {
        case .reorder:
            let last = words.removeLast()
            words = [last + (chance(50) ? "," : "")] + words
        case .typo:
            let candidates = words.indices.filter { words[$0].count > 3 }
            let w = pick(candidates)
            words[w] = typo(words[w])
        case .accent:
            words = accented(words)
        case .droppedMiddle:
            words.remove(at: 1 + below(words.count - 2))
        case .initial:
            words[0] = String(words[0].prefix(1)) + (chance(50) ? "." : "")
        case .upperCase:
            break
        }
        var text = words.joined(separator: " ")
        if kind == .upperCase || chance(20) { text = text.uppercased() }
        return (text, kind)
    }

    /// One typing slip in `word`.
    mutating func typo(_ word: String) -> String {
        var letters = Array(word)
        let i = below(letters.count)
        let letter = Character(Unicode.Scalar(UInt8(97 + below(26))))
        switch below(4) {
        case 0: letters[i] = i == 0 ? Character(letter.uppercased()) : letter
        case 1:
            let j = min(i, letters.count - 2)
            letters.swapAt(j, j + 1)
        case 2: letters.remove(at: i)
        default: letters.insert(letters[i], at: i)
        }
        return String(letters)
    }

    static let accents: [Character: [Character]] = [
        "a": ["á", "à", "ä", "â"], "e": ["é", "è", "ë", "ê"], "i": ["í", "ï"], "o": ["ó", "ö", "ô"], "u": ["ú", "ü"],
        "n": ["ñ"], "c": ["ç", "č"], "s": ["š", "ş"], "z": ["ž"], "y": ["ý"],
    ]

    /// The words with one or two letters accented (`Jose` → `José`).
    mutating func accented(_ words: [String]) -> [String] {
        var words = words
        for _ in 0..<(1 + below(2)) {
            let w = below(words.count)
            var letters = Array(words[w])
            let spots = letters.indices.filter { Self.accents[letters[$0]] != nil }
            guard !spots.isEmpty else { continue }
            let i = pick(spots)
            letters[i] = pick(Self.accents[letters[i]] ?? [letters[i]])
            words[w] = String(letters)
        }
        return words
    }
}
