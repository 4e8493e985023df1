/// Every vocabulary word's character counts, packed to tell cheaply which list words cannot be
/// `NameSimilarity.tokenFloor` alike with a screened word of another first letter.
///
/// With different first letters there is no Winkler prefix boost, so the similarity is the
/// Jaro similarity, at most (m/|a| + m/|b| + 1)/3 for m matches; reaching 0.8 needs
/// m ≥ 1.4·|a|·|b|/(|a| + |b|). The matches are at most the characters the words share as
/// multisets: per character class (`NameToken.bit`), `level1` marks one or more occurrences,
/// `level2` two or more, and `excess` counts the occurrences beyond two, so
/// shared ≤ |level1 ∩ level1′| + |level2 ∩ level2′| + min(excess, excess′). A word whose bound
/// falls short is skipped without comparing — never one that reaches the floor.
final class CountSignatures: Sendable {
    /// One word's signature, with its first scalar and length, in one cache line's third.
    struct Word: Sendable {
        let level1: UInt64
        let level2: UInt64
        let first: UInt32
        let length: UInt8
        let excess: UInt8
    }

    let words: [Word]
    /// The same signatures ordered by length (then id): words of length `l` are
    /// `byLength[lengthStart[l]..<lengthStart[l + 1]]`, with their ids in `byLengthIDs`.
    let byLength: [Word]
    let byLengthIDs: [Int32]
    let lengthStart: [Int32]
    /// `minimumShared[la * 65 + lb]`: the fewest shared characters that can reach the floor.
    let minimumShared: [UInt8]

    init(_ vocabulary: [NameToken]) {
        let words = vocabulary.map(Self.signature)
        self.words = words
        let ids = words.indices.sorted { (words[$0].length, $0) < (words[$1].length, $1) }
        byLength = ids.map { words[$0] }
        byLengthIDs = ids.map { Int32($0) }
        var lengthStart = [Int32](repeating: 0, count: 66)
        for word in words { lengthStart[Int(word.length) + 1] += 1 }
        for length in 1..<66 { lengthStart[length] += lengthStart[length - 1] }
        self.lengthStart = lengthStart
        var minimumShared = [UInt8](repeating: 255, count: 65 * 65)
        for la in 1...64 {
            for lb in 1...64 {
                let needed = 3 * NameSimilarity.tokenFloor - 1 // m/la + m/lb ≥ 1.4
                let m = needed * Double(la * lb) / Double(la + lb)
                // Rounded down a little: a bound a hair loose only costs a comparison.
                minimumShared[la * 65 + lb] = UInt8(min(255, max(1, (m - 1e-9).rounded(.up))))
            }
        }
        self.minimumShared = minimumShared
    }

    /// The first scalar of vocabulary word `id`.
    @inline(__always)
    func first(_ id: Int) -> UInt32 { words[id].first }

    static func signature(_ word: NameToken) -> Word {
        var l1: UInt64 = 0, l2: UInt64 = 0
        var excess = 0
        for scalar in word.scalars {
            let bit = NameToken.bit(of: scalar)
            if l1 & bit == 0 { l1 |= bit } else if l2 & bit == 0 { l2 |= bit } else { excess += 1 }
        }
        return Word(level1: l1, level2: l2, first: word.scalars.first ?? 0, length: UInt8(min(64, word.count)),
                    excess: UInt8(min(255, excess)))
    }

    /// A signature covering all of `words` (per class the most occurrences of any of them;
    /// the length of the shortest): its bound is at least each word's, since more shared
    /// characters and a shorter partner only lower what is needed.
    static func union(_ words: [Word]) -> Word? {
        guard let shortest = words.map(\.length).min() else { return nil }
        return Word(level1: words.reduce(0) { $0 | $1.level1 }, level2: words.reduce(0) { $0 | $1.level2 }, first: 0,
                    length: shortest, excess: words.map(\.excess).max() ?? 0)
    }

    /// Whether a word with `signature` can be `tokenFloor` alike with a word of `other`
    /// (a word's signature or a union).
    @inline(__always)
    func mayReachFloor(_ signature: Word, _ other: Word) -> Bool {
        let shared = (signature.level1 & other.level1).nonzeroBitCount + (signature.level2 & other.level2).nonzeroBitCount
            + Int(min(signature.excess, other.excess))
        return shared >= Int(minimumShared[Int(signature.length) * 65 + Int(other.length)])
    }

    /// Whether a word with `signature` can be `tokenFloor` alike with vocabulary word `id`
    /// when their first letters differ.
    @inline(__always)
    func mayReachFloor(_ signature: Word, _ id: Int) -> Bool {
        let other = words[id]
        let shared = (signature.level1 & other.level1).nonzeroBitCount + (signature.level2 & other.level2).nonzeroBitCount
            + Int(min(signature.excess, other.excess))
        return shared >= Int(minimumShared[Int(signature.length) * 65 + Int(other.length)])
    }
}
