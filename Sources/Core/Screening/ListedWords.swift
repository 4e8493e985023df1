/// The normalised words of every name and alias of a list, to tell whether a name is the same
/// name as a listed one by the screening rules: the same words in any order, or the words of
/// one with some missing (missing middle names), or with some added — at least two words shared.
struct ListedWords {
    /// Each listed name's sorted words.
    private var whole: Set<[String]> = []
    /// Every sub-multiset of two or more words of each listed name, sorted.
    private var parts: Set<[String]> = []

    init(_ list: [SanctionedEntry]) {
        for entry in list {
            for text in [entry.name] + entry.aliases {
                let words = NameNormaliser.words(text).sorted()
                whole.insert(words)
                for subset in Self.subsets(words, atLeast: 2) { parts.insert(subset) }
            }
        }
    }

    /// Whether `name` is a listed name, a listed name with words missing, or one with words added.
    func sameName(_ name: String) -> Bool {
        let words = NameNormaliser.words(name).sorted()
        if whole.contains(words) || (words.count >= 2 && parts.contains(words)) { return true }
        return Self.subsets(words, atLeast: 1).contains { whole.contains($0) && $0.count >= 2 }
    }

    /// The sub-multisets of sorted `words` with at least `atLeast` words, each sorted (at most
    /// the first 8 words are considered).
    static func subsets(_ words: [String], atLeast: Int) -> [[String]] {
        let kept = Array(words.prefix(8))
        var result: [[String]] = []
        for mask in 1..<(1 << kept.count) where mask.nonzeroBitCount >= atLeast {
            result.append(kept.indices.filter { mask & (1 << $0) != 0 }.map { kept[$0] })
        }
        return result
    }
}
